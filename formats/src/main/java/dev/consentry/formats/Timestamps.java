package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_TIMESTAMP;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentry.time.Instants;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * ISO-8601 date-times with an offset, as every Consentry format writes them. The common UTC form
 * {@code 2023-08-09T10:00:00Z} (optionally with a fraction) is taken apart by position and
 * checked field by field ({@link #utcNanos}): {@code DateTimeFormatter} costs about a microsecond a
 * call, which on ten million items is ten seconds. Every other form goes through the formatter.
 * Writing is the mirror image, by {@link Instants#formatUtcSeconds}.
 */
final class Timestamps {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private Timestamps() {}

    /** Writes instants as JSON strings spelled as {@link Instant#toString()} spells them. Not thread-safe. */
    static final class Writer {
        private final char[] text = new char[Instants.UTC_SECONDS_LENGTH];

        void write(JsonGenerator g, Instant instant) throws IOException {
            if (Instants.formatUtcSeconds(instant, text)) {
                g.writeString(text, 0, Instants.UTC_SECONDS_LENGTH);
            } else {
                g.writeString(instant.toString());
            }
        }
    }

    static Instant parse(Node n) {
        String text = n.text();
        return parse(text).orElseThrow(() -> n.error(BAD_TIMESTAMP,
                "'" + text + "' is not an ISO-8601 date-time with an offset, such as 2023-08-09T10:00:00Z"));
    }

    static Optional<Instant> parse(String s) {
        // A character beyond Latin-1 becomes '?', which no time has: the general parser decides.
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        long nanos = utcNanos(bytes, 0, bytes.length);
        return nanos != NOT_UTC_FORM ? Optional.of(Instants.instant(nanos)) : Instants.parse(s);
    }

    /** What {@link #utcNanos} gives for text it leaves to the general parser. */
    static final long NOT_UTC_FORM = Long.MIN_VALUE;
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /**
     * Epoch nanoseconds of the text {@code text[from .. from + length)} when it is a valid time in
     * the common form {@code 2023-08-09T10:00:00Z}, with up to nine fraction digits; else
     * {@link #NOT_UTC_FORM}, and the general parser decides (it rejects what this one does).
     */
    static long utcNanos(byte[] text, int from, int length) {
        if (length < 20 || length > 30 || text[from + length - 1] != 'Z' || text[from + 4] != '-' || text[from + 7] != '-'
                || text[from + 10] != 'T' || text[from + 13] != ':' || text[from + 16] != ':'
                || (length == 20 ? text[from + 19] != 'Z' : length == 21 || text[from + 19] != '.')) {
            return NOT_UTC_FORM;
        }
        return epochNanos(digits(text, from, from + 4), digits(text, from + 5, from + 7), digits(text, from + 8, from + 10),
                digits(text, from + 11, from + 13), digits(text, from + 14, from + 16), digits(text, from + 17, from + 19),
                length == 20 ? 0 : digits(text, from + 20, from + length - 1), length - 21);
    }

    /**
     * The fields of a time, each -1 when it was not all digits, checked as {@code java.time}
     * checks them. {@code fraction} has {@code fractionDigits} digits.
     */
    private static long epochNanos(int year, int month, int day, int hour, int minute, int second, int fraction,
            int fractionDigits) {
        long epochDay = epochDay(year, month, day);
        if (epochDay == NOT_UTC_FORM) {
            return NOT_UTC_FORM;
        }
        return epochNanos(epochDay * 86_400, hour, minute, second, fraction, fractionDigits);
    }

    /**
     * The day's number since the epoch, or {@link #NOT_UTC_FORM} for no such date; counted by H.
     * Hinnant's days-from-civil algorithm, as {@code java.time} counts them.
     */
    private static long epochDay(int year, int month, int day) {
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return NOT_UTC_FORM;
        }
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        if (day > DAYS_IN_MONTH[month - 1] + (month == 2 && leap ? 1 : 0)) {
            return NOT_UTC_FORM;
        }
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static long epochNanos(long daySeconds, int hour, int minute, int second, int fraction, int fractionDigits) {
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return NOT_UTC_FORM;
        }
        for (int i = Math.max(0, fractionDigits); i < 9; i++) {
            fraction *= 10;
        }
        long seconds = daySeconds + hour * 3600L + minute * 60L + second;
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), fraction);
        } catch (ArithmeticException e) {
            return NOT_UTC_FORM;
        }
    }

    /**
     * {@link #utcNanos} for a reader of many times in a row, most of them on the day of the one
     * before (items are written meeting by meeting): a time of that day, in whole seconds, has
     * only its clock read. Not thread-safe.
     */
    static final class Reader {
        /** The first eleven bytes of the last whole-second time read, {@code 2023-08-09T}: eight, then three. */
        private long dayHead = -1;
        private int dayTail = -1;
        private long daySeconds;

        long utcNanos(byte[] text, int from, int length) {
            if (length == 20 && from + 20 <= text.length && (long) LONGS.get(text, from) == dayHead
                    && ((int) INTS.get(text, from + 7) >>> 8) == dayTail && text[from + 13] == ':'
                    && text[from + 16] == ':' && text[from + 19] == 'Z') {
                return epochNanos(daySeconds, digits(text, from + 11, from + 13), digits(text, from + 14, from + 16),
                        digits(text, from + 17, from + 19), 0, 0);
            }
            long nanos = Timestamps.utcNanos(text, from, length);
            if (nanos != NOT_UTC_FORM && length == 20) {
                dayHead = (long) LONGS.get(text, from);
                dayTail = (int) INTS.get(text, from + 7) >>> 8;
                long seconds = Math.floorDiv(nanos, 1_000_000_000L);
                daySeconds = seconds - Math.floorMod(seconds, 86_400L);
            }
            return nanos;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any byte is not a digit. */
    private static int digits(byte[] s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            byte c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
