package dev.consentry.time;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as the decision engine compares them: nanoseconds since the epoch in a {@code long}.
 * That covers 1677-09-21 to 2262-04-11, far more than any consent record needs, and turns every
 * as-of lookup into a comparison of primitives. Times outside that range are rejected at the edge.
 */
public final class Instants {
    private Instants() {}

    /** The instant as epoch nanoseconds; throws {@link ArithmeticException} if out of range. */
    public static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * Parses an ISO-8601 date-time with a zone offset ({@code 2023-08-07T00:00:00Z},
     * {@code 2023-08-07T02:00:00+02:00}); empty if the text is not one or is out of range.
     */
    public static Optional<Instant> parse(String text) {
        try {
            Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            nanos(instant);
            return Optional.of(instant);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
