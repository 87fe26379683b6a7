package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_TIMESTAMP;
import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.MISSING_FIELD;
import static dev.consentry.error.ErrorCode.UNKNOWN_FIELD;
import static dev.consentry.error.ErrorCode.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.time.Instants;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Typed reads of one JSON Lines field, each failing with the file, line, column and field. */
final class Fields {
    private Fields() {}

    /** A non-empty string; the parser is on the value token. */
    static String string(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        requireString(p, line, field, -1);
        return p.getText();
    }

    /**
     * Checks that the parser is on a non-empty string, element {@code index} of list
     * {@code field} (or the field itself when the index is negative); its characters are then
     * {@link JsonParser#getTextCharacters()}.
     */
    static void requireString(JsonParser p, JsonLines.LineContext line, String field, int index) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw line.error(WRONG_TYPE, p, element(field, index), "expected a string, found " + describe(p));
        }
        if (p.getTextLength() == 0) {
            throw line.error(BAD_VALUE, p, element(field, index), "must not be empty");
        }
        int half = halfSurrogate(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (half >= 0) {
            throw line.error(BAD_VALUE, p, element(field, index),
                    "must be Unicode text; this one has half a surrogate pair at character " + half);
        }
    }

    /**
     * Where {@code chars[from ..]} holds half a surrogate pair (JSON can spell one, {@code
     * "\\ud800"}), counted from {@code from}; -1 if nowhere. Such a string has no UTF-8 form, so
     * it cannot be hashed into the ledger or the Merkle tree without being changed.
     */
    private static int halfSurrogate(char[] chars, int from, int length) {
        for (int i = 0; i < length; i++) {
            char c = chars[from + i];
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars[from + i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Checks that the parser is on the start of a list. */
    static void requireList(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw line.error(WRONG_TYPE, p, field, "expected a list of strings, found " + describe(p));
        }
    }

    private static String element(String field, int index) {
        return index < 0 ? field : field + "[" + index + "]";
    }

    static boolean bool(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw line.error(WRONG_TYPE, p, field, "expected true or false, found " + describe(p));
        }
        return t == JsonToken.VALUE_TRUE;
    }

    static Instant timestamp(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        return Instants.instant(timestampNanos(p, line, field));
    }

    /** A timestamp as epoch nanoseconds. */
    static long timestampNanos(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        requireString(p, line, field, -1);
        String text = p.getText();
        return Instants.nanos(Timestamps.parse(text).orElseThrow(() -> line.error(BAD_TIMESTAMP, p, field,
                "'" + text + "' is not an ISO-8601 date-time with an offset, such as 2023-08-09T10:00:00Z")));
    }

    /** A list of non-empty strings; the parser is on the value token. */
    static List<String> strings(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        requireList(p, line, field);
        String[] out = new String[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            requireString(p, line, field, n);
            out[n] = p.getText();
            n++;
        }
        return switch (n) {
            case 0 -> List.of();
            case 1 -> List.of(out[0]);
            case 2 -> List.of(out[0], out[1]);
            default -> List.of(java.util.Arrays.copyOf(out, n));
        };
    }

    static ConsentryException unknown(JsonParser p, JsonLines.LineContext line, String field, List<String> known) {
        return line.error(UNKNOWN_FIELD, p, field, "unknown field '" + field + "' (expected one of " + known + ")");
    }

    static ConsentryException duplicate(JsonParser p, JsonLines.LineContext line, String field) {
        return line.error(dev.consentry.error.ErrorCode.MALFORMED_SYNTAX, p, field, "field '" + field + "' appears twice");
    }

    static ConsentryException missing(JsonLines.LineContext line, String field) {
        return new ConsentryException(MISSING_FIELD, SourceLocation.of(line.file(), line.line(), 0, field),
                "missing required field '" + field + "'");
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> "null";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            default -> t.asString();
        };
    }
}
