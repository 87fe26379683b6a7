package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_TIMESTAMP;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentry.time.Instants;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * ISO-8601 date-times with an offset, as every Consentry format writes them. The common UTC form
 * {@code 2023-08-09T10:00:00Z} (optionally with a fraction) is taken apart by position and
 * checked by {@link LocalDateTime#of}: {@code DateTimeFormatter} costs about a microsecond a
 * call, which on ten million items is ten seconds. Every other form goes through the formatter.
 * Writing is the mirror image: a whole-second UTC time in years 1000 to 9999 is spelled by
 * {@link Writer} from the epoch day by civil-calendar arithmetic, in exactly the characters
 * {@link Instant#toString()} gives; anything else is written by {@code Instant.toString()}.
 */
final class Timestamps {
    /** Length of {@code 2023-08-09T10:00:00Z}. */
    static final int UTC_SECONDS_LENGTH = 20;
    private static final long SECONDS_PER_DAY = 86_400;

    private Timestamps() {}

    /**
     * Writes instants as JSON strings spelled as {@link Instant#toString()} spells them. Consecutive
     * times of a generated platform mostly fall on the same day, so the date is spelled once per day.
     * Not thread-safe.
     */
    static final class Writer {
        private final char[] text = new char[UTC_SECONDS_LENGTH];
        private long day = Long.MIN_VALUE;

        void write(JsonGenerator g, Instant instant) throws IOException {
            long seconds = instant.getEpochSecond();
            long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
            if (instant.getNano() != 0 || !(epochDay == day || format(instant, text))) {
                day = Long.MIN_VALUE;
                g.writeString(instant.toString());
                return;
            }
            if (epochDay == day) {
                time(text, (int) Math.floorMod(seconds, SECONDS_PER_DAY));
            }
            day = epochDay;
            g.writeString(text, 0, UTC_SECONDS_LENGTH);
        }
    }

    /**
     * Spells a whole-second instant of years 1000 to 9999 into {@code out[0, 20)}; false (and
     * {@code out} untouched) for any other instant. The date is the proleptic Gregorian civil date
     * of the epoch day (H. Hinnant's days-to-civil algorithm), as {@code java.time} computes it.
     */
    static boolean format(Instant instant, char[] out) {
        if (instant.getNano() != 0) {
            return false;
        }
        long seconds = instant.getEpochSecond();
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
        time(out, secondOfDay);
        return true;
    }

    /** Spells the time of day and the zone, {@code HH:MM:SSZ}, into {@code out[11, 20)}. */
    private static void time(char[] out, int secondOfDay) {
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static Instant parse(Node n) {
        String text = n.text();
        return parse(text).orElseThrow(() -> n.error(BAD_TIMESTAMP,
                "'" + text + "' is not an ISO-8601 date-time with an offset, such as 2023-08-09T10:00:00Z"));
    }

    static Optional<Instant> parse(String s) {
        int len = s.length();
        if (len >= 20 && s.charAt(len - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int nanos = 0;
            boolean fractionOk = len == 20;
            if (len > 21 && len <= 30 && s.charAt(19) == '.') {
                int fraction = digits(s, 20, len - 1);
                fractionOk = fraction >= 0;
                nanos = fraction;
                for (int i = len - 1 - 20; i < 9; i++) {
                    nanos *= 10;
                }
            }
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && fractionOk) {
                try {
                    Instant instant = LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
                    Instants.nanos(instant);
                    return Optional.of(instant);
                } catch (DateTimeException | ArithmeticException e) {
                    return Optional.empty();
                }
            }
        }
        return Instants.parse(s);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
