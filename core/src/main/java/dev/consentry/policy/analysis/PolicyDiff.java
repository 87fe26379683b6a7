package dev.consentry.policy.analysis;

import static java.util.Objects.requireNonNull;

import dev.consentry.policy.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every (category, purpose) outcome that differs between two versions.
 *
 * <p>Design: the two {@link PolicyMatrix matrices} are compared pair by pair, by name, over the
 * union of both taxonomies' pairs (the older one's order first, then pairs only the newer has).
 * A pair has changed when its {@link Change.Aspect#EFFECT verdict} differs, when the ids of its
 * deciding rules differ (falling to the default counts as no rules), or when the requirements it
 * turns on differ: a requirement is added or removed, or, with both sides conditional, the
 * requirement sets (one per deciding allow rule; all of one set must hold) differ, compared by
 * spelling. Nothing else is a change: a reworded {@code text}, rules reordered where no pair is
 * decided differently, an added or widened allow rule that an earlier one preempts wherever it
 * matches. Declassify rules decide no pair, so changes to them show in {@link PolicyLint}, not
 * here.
 */
public final class PolicyDiff {
    private final PolicyMatrix before;
    private final PolicyMatrix after;
    private final List<Change> changes;

    private PolicyDiff(PolicyMatrix before, PolicyMatrix after, List<Change> changes) {
        this.before = before;
        this.after = after;
        this.changes = List.copyOf(changes);
    }

    public static PolicyDiff between(PolicyMatrix before, PolicyMatrix after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        List<Change> changes = new ArrayList<>();
        for (Outcome old : before.outcomes()) {
            Optional<Outcome> neu = after.outcome(old.category().name(), old.purpose().name());
            compare(old.category().name(), old.purpose().name(), Optional.of(old), neu).ifPresent(changes::add);
        }
        for (Outcome neu : after.outcomes()) {
            if (before.outcome(neu.category().name(), neu.purpose().name()).isEmpty()) {
                compare(neu.category().name(), neu.purpose().name(), Optional.empty(), Optional.of(neu)).ifPresent(changes::add);
            }
        }
        return new PolicyDiff(before, after, changes);
    }

    private static Optional<Change> compare(String category, String purpose, Optional<Outcome> old, Optional<Outcome> neu) {
        if (old.isEmpty() || neu.isEmpty()) {
            return Optional.of(new Change(category, purpose, old, neu, List.of(Change.Aspect.PAIR), List.of(), List.of()));
        }
        Outcome o = old.get();
        Outcome n = neu.get();
        List<Change.Aspect> aspects = new ArrayList<>();
        if (o.verdict() != n.verdict()) {
            aspects.add(Change.Aspect.EFFECT);
        }
        if (!ids(o).equals(ids(n))) {
            aspects.add(Change.Aspect.RULES);
        }
        Set<String> added = requirements(n);
        added.removeAll(requirements(o));
        Set<String> removed = requirements(o);
        removed.removeAll(requirements(n));
        boolean bothConditional = o.verdict() == Verdict.CONDITIONAL && n.verdict() == Verdict.CONDITIONAL;
        if (!added.isEmpty() || !removed.isEmpty() || bothConditional && !conditions(o).equals(conditions(n))) {
            aspects.add(Change.Aspect.REQUIREMENTS);
        }
        if (aspects.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Change(category, purpose, old, neu, aspects, List.copyOf(added), List.copyOf(removed)));
    }

    private static List<String> ids(Outcome o) {
        return o.rules().stream().map(Rule::id).toList();
    }

    /**
     * The requirement sets of a conditional outcome, one per deciding rule: the pair is allowed
     * when every requirement of one set holds. Order does not matter, so sets are compared.
     */
    private static Set<Set<String>> conditions(Outcome o) {
        Set<Set<String>> conditions = new LinkedHashSet<>();
        o.rules().forEach(r -> conditions.add(Requirements.spellings(r.requires())));
        return conditions;
    }

    /**
     * Every requirement a conditional outcome can turn on. An allowed or denied outcome turns on
     * none: an earlier conditional rule an allowed pair lists only changes which rule is named.
     */
    private static Set<String> requirements(Outcome o) {
        Set<String> all = new LinkedHashSet<>();
        if (o.verdict() == Verdict.CONDITIONAL) {
            o.rules().forEach(r -> all.addAll(Requirements.spellings(r.requires())));
        }
        return all;
    }

    public PolicyMatrix before() {
        return before;
    }

    public PolicyMatrix after() {
        return after;
    }

    /** The pairs whose outcome changed, in the older version's pair order, then pairs only the newer has. */
    public List<Change> changes() {
        return changes;
    }
}
