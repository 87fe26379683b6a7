package dev.consentry.time;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** Length of {@code 2023-08-09T10:00:00Z}. */
    public static final int UTC_SECONDS_LENGTH = 20;
    private static final long SECONDS_PER_DAY = 86_400;

    /**
     * Spells a whole-second instant of years 1000 to 9999 into {@code out[0, 20)} exactly as
     * {@link Instant#toString()} does; false (and {@code out} untouched) for any other instant.
     * The date is the proleptic Gregorian civil date of the epoch day (H. Hinnant's days-to-civil
     * algorithm), as {@code java.time} computes it. Without a formatter: a history hashes and
     * a build writes millions of times, at about 150 ns each through {@code java.time}'s.
     */
    public static boolean formatUtcSeconds(Instant instant, char[] out) {
        return instant.getNano() == 0 && formatEpochSeconds(instant.getEpochSecond(), out);
    }

    /** As {@link #formatUtcSeconds(Instant, char[])}, for the instant {@code nanos} nanoseconds after the epoch. */
    public static boolean formatUtcSeconds(long nanos, char[] out) {
        return Math.floorMod(nanos, 1_000_000_000L) == 0 && formatEpochSeconds(Math.floorDiv(nanos, 1_000_000_000L), out);
    }

    private static boolean formatEpochSeconds(long seconds, char[] out) {
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1000 || year > 9999) {
            return false;
        }
        digits(out, 0, (int) year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
        return true;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * The one spelling of a time every format takes, RFC 3339's: seconds always, a fraction of one
     * to nine digits, {@code Z} or an offset in hours and minutes, upper-case {@code T} and
     * {@code Z}. {@code java.time}'s ISO parser alone also takes times without seconds, a point
     * without digits, lower case and offsets with seconds.
     */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    /**
     * Parses an ISO-8601 date-time with a zone offset, spelled as RFC 3339 spells it
     * ({@code 2023-08-07T00:00:00Z}, {@code 2023-08-07T02:00:00.5+02:00}); empty if the text is
     * not one or is out of range.
     */
    public static Optional<Instant> parse(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            nanos(instant);
            return Optional.of(instant);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
