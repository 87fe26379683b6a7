package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why a label was allowed or denied: the code, and where they apply the rule that fired, the
 * policy family and version, the label, and the requirement that was not met.
 */
public record Reason(ReasonCode code, Optional<String> rule, Optional<String> policy, Optional<String> version,
        Optional<String> label, Optional<String> requirement) {
    public Reason {
        requireNonNull(code, "code is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(version, "version is null");
        requireNonNull(label, "label is null");
        requireNonNull(requirement, "requirement is null");
    }

    /** A reason about the item as a whole (steps 0 to 2): a code and nothing else. */
    public static Reason of(ReasonCode code) {
        return new Reason(code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
