package dev.consentry.decision;

/** Stable reason codes: tools and customers match on {@link #code()}. */
public enum ReasonCode {
    NOT_YET_CREATED("not-yet-created", true),
    ERASED("erased", true),
    LINEAGE("lineage", true),
    DENIED_BY_RULE("denied-by-rule", true),
    REQUIREMENT_UNMET("requirement-unmet", true),
    DEFAULT_DENY("default-deny", true),
    ALLOWED_BY_RULE("allowed-by-rule", false),
    DEFAULT_ALLOW("default-allow", false);

    private final String code;
    private final boolean denial;

    ReasonCode(String code, boolean denial) {
        this.code = code;
        this.denial = denial;
    }

    public String code() {
        return code;
    }

    public boolean isDenial() {
        return denial;
    }

    @Override
    public String toString() {
        return code;
    }
}
