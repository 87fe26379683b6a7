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

    private static String render(Optional<SourceLocation> location, String detail) {
        return location.map(l -> l + ": " + detail).orElse(detail);
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
