package dev.consentry.error;

import static dev.consentry.error.ErrorKind.INTERNAL_ERROR;
import static dev.consentry.error.ErrorKind.USER_ERROR;

/**
 * Stable error codes. Tests and tools match on the code, never on the message; numbers are
 * never reused.
 */
public enum ErrorCode {
    MALFORMED_SYNTAX(100, USER_ERROR),
    UNKNOWN_FIELD(101, USER_ERROR),
    MISSING_FIELD(102, USER_ERROR),
    WRONG_TYPE(103, USER_ERROR),
    BAD_TIMESTAMP(104, USER_ERROR),
    BAD_VALUE(105, USER_ERROR),
    DUPLICATE_ID(106, USER_ERROR),
    UNKNOWN_CATEGORY(107, USER_ERROR),
    UNKNOWN_PURPOSE(108, USER_ERROR),
    UNKNOWN_SETTING(109, USER_ERROR),
    UNKNOWN_NOTICE(110, USER_ERROR),
    UNKNOWN_TRANSFORM(111, USER_ERROR),
    UNKNOWN_ITEM(112, USER_ERROR),
    POLICY_CONFLICT(113, USER_ERROR),
    FILE_NOT_READABLE(114, USER_ERROR),
    OUTPUT_EXISTS(115, USER_ERROR),
    BAD_ARGUMENT(116, USER_ERROR),
    OUTPUT_FAILED(200, INTERNAL_ERROR),
    INTERNAL(201, INTERNAL_ERROR);

    private final int number;
    private final ErrorKind kind;

    ErrorCode(int number, ErrorKind kind) {
        this.number = number;
        this.kind = kind;
    }

    public int number() {
        return number;
    }

    public ErrorKind kind() {
        return kind;
    }
}
