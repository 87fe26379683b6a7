package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A kind of in-meeting notice and the text participants are shown; the text is recorded by its hash. */
public record NoticeDefinition(String kind, int index, String text) {
    public NoticeDefinition {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
    }

    /** SHA-256 of the UTF-8 text, in lowercase hex: what an acknowledgement refers to. */
    public String textSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return kind;
    }
}
