package dev.consentry.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception Consentry throws for anything it cannot do: a stable {@link ErrorCode} and,
 * for bad input, where the input is wrong. A decision that denies is not an exception; this means
 * "could not evaluate at all".
 */
public final class ConsentryException extends RuntimeException {
    private final ErrorCode code;
    private final Optional<SourceLocation> location;
    private final String detail;

    public ConsentryException(ErrorCode code, String detail) {
        this(code, Optional.empty(), detail, null);
    }

    public ConsentryException(ErrorCode code, SourceLocation location, String detail) {
        this(code, Optional.of(location), detail, null);
    }

    public ConsentryException(ErrorCode code, Optional<SourceLocation> location, String detail, Throwable cause) {
        super(render(location, detail), cause);
        this.code = requireNonNull(code, "code is null");
        this.location = requireNonNull(location, "location is null");
        this.detail = requireNonNull(detail, "detail is null");
    }

    /**
     * The location and the detail on one line, as tools read errors: a control character in
     * either (a value the input spelled {@code "a\nb"}, quoted back in the detail) is written as
     * its escape.
     */
    private static String render(Optional<SourceLocation> location, String detail) {
        String message = location.map(l -> l + ": " + detail).orElse(detail);
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (out == null) {
                    out = new StringBuilder(message.length() + 8).append(message, 0, i);
                }
                out.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? message : out.toString();
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<SourceLocation> location() {
        return location;
    }

    /** The message without the location. */
    public String detail() {
        return detail;
    }
}
