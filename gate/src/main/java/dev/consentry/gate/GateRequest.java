package dev.consentry.gate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;

/** One gate build: the inputs, the purpose and time, and where the build goes. */
public record GateRequest(Path items, Path events, Path policy, String purpose, Instant at, Path out, boolean force) {
    public GateRequest {
        requireNonNull(items, "items is null");
        requireNonNull(events, "events is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(at, "at is null");
        requireNonNull(out, "out is null");
    }
}
