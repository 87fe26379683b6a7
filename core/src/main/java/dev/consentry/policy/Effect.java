package dev.consentry.policy;

/** What a rule or a policy's default does. */
public enum Effect {
    ALLOW("allow"),
    DENY("deny");

    private final String word;

    Effect(String word) {
        this.word = word;
    }

    /** The word used in policy files and decisions: {@code allow} or {@code deny}. */
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
