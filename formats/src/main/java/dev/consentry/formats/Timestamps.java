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
 * Writing is the mirror image, by {@link Instants#formatUtcSeconds}.
 */
final class Timestamps {
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
