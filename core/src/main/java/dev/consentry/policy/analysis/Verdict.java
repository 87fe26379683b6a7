package dev.consentry.policy.analysis;

/**
 * What a version decides for one (category, purpose) pair before an item is seen. Requirements
 * are evaluated per item, so a pair whose deciding allow rules all carry requirements is neither
 * allowed nor denied but {@link #CONDITIONAL}.
 */
public enum Verdict {
    /** Allowed whatever the item: a deciding rule has no requirements, or the default allows. */
    ALLOW("allow"),
    /** Denied whatever the item: deny rules match, or the default denies. */
    DENY("deny"),
    /** Allowed for an item that meets every requirement of one of the deciding allow rules, denied otherwise. */
    CONDITIONAL("conditional");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The stable spelling used in reports: {@code allow}, {@code deny} or {@code conditional}. */
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
