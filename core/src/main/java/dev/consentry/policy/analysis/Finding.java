package dev.consentry.policy.analysis;

import static java.util.Objects.requireNonNull;

import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.util.Optional;

/**
 * One thing a policy author should fix or confirm, as data: its kind, the version it is in, the
 * rule (or declassify rule) it is about, the pair it is about, and a message for a person.
 */
public record Finding(Kind kind, String version, Optional<String> rule, Optional<Category> category,
        Optional<Purpose> purpose, String message) {
    public Finding {
        requireNonNull(kind, "kind is null");
        requireNonNull(version, "version is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(category, "category is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(message, "message is null");
        if (category.isPresent() != purpose.isPresent()) {
            throw new IllegalArgumentException("a finding names a whole pair or none of it");
        }
    }

    /** The kinds of finding, in the order a report lists them; each {@link #word()} is stable. */
    public enum Kind {
        /** A declassify rule lets an item made from customer content reach AI training. */
        CONTENT_TO_TRAINING_DECLASSIFY("content-to-training-declassify"),
        /** No rule speaks to a pair and the default allows it. */
        FALLS_TO_DEFAULT("falls-to-default"),
        /** An allow rule every pair of which deny rules match: it can never allow anything. */
        UNREACHABLE_RULE("unreachable-rule"),
        /** An allow rule that never decides: deny rules or earlier allow rules decide every pair it matches. */
        SHADOWED_RULE("shadowed-rule"),
        /** An allow rule for AI training that requires a feature switch but not the switch that depends on it. */
        MISSING_SETTING_DEPENDENCY("missing-setting-dependency"),
        /** A rule or declassify rule that quotes no text of the terms. */
        MISSING_TEXT("missing-text");

        private final String word;

        Kind(String word) {
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
