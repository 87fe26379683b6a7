package dev.consentry.policy.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How the outcome of one (category, purpose) pair differs between two versions. The pair is named
 * by its dotted names, since the two versions may be read against different taxonomies; a side is
 * empty when that version's taxonomy lacks the pair. {@code requirementsAdded} and
 * {@code requirementsRemoved} are the spellings ({@code setting:KEY}, ...) that a conditional
 * outcome on one side turns on and the other side does not (an allowed or denied outcome turns on
 * none).
 */
public record Change(String category, String purpose, Optional<Outcome> before, Optional<Outcome> after,
        List<Aspect> aspects, List<String> requirementsAdded, List<String> requirementsRemoved) {
    public Change {
        requireNonNull(category, "category is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        aspects = List.copyOf(aspects);
        requirementsAdded = List.copyOf(requirementsAdded);
        requirementsRemoved = List.copyOf(requirementsRemoved);
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a change needs at least one side");
        }
        if (aspects.isEmpty()) {
            throw new IllegalArgumentException("a change changes something");
        }
        if ((before.isEmpty() || after.isEmpty()) != aspects.equals(List.of(Aspect.PAIR))) {
            throw new IllegalArgumentException("a pair on one side only is a change of the pair, and of nothing else");
        }
    }

    /** What changed; each {@link #word()} is stable. */
    public enum Aspect {
        /** The pair exists in only one version's taxonomy. */
        PAIR("pair"),
        /** The verdict: allow, deny or conditional. */
        EFFECT("effect"),
        /** The rules that decide it (their ids, in order), or whether the default does. */
        RULES("rules"),
        /** The requirements under which it is allowed. */
        REQUIREMENTS("requirements");

        private final String word;

        Aspect(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        @Override
        public String toString() {
            return word;
        }
    }
}
