package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

/** A kind of in-meeting notice and the text participants are shown. */
public record NoticeDefinition(String kind, int index, String text) {
    public NoticeDefinition {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        return kind;
    }
}
