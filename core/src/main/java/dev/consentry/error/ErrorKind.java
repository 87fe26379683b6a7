package dev.consentry.error;

/** What kind of failure an {@link ErrorCode} is; adapters map it to an exit code or an HTTP status. */
public enum ErrorKind {
    /** The input was wrong: fix the file or the arguments. CLI exit code 2. */
    USER_ERROR,
    /** A check ran and failed (a lint finding, a verification failure). CLI exit code 1. */
    CHECK_FAILED,
    /** Consentry could not do its work for a reason that is not the input's fault. */
    INTERNAL_ERROR
}
