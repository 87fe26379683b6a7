package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.time.Instants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The readers' fast path for {@code 2023-08-09T10:00:00Z} must accept and reject exactly what
 * ISO-8601 with an offset ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}) does within the range
 * the engine documents (see {@link Instants}), and give the same instant.
 */
class TimestampsProperties {

    /** ISO-8601 with an offset, within the engine's documented range (epoch nanoseconds in a long: 1677 to 2262). */
    static Optional<Instant> reference(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            Instants.nanos(instant);
            return Optional.of(instant);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Strings shaped like timestamps, many of them invalid: out-of-range fields, odd fractions, other separators. */
    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<String> year = Arbitraries.of("2023", "2024", "1970", "2100", "1677", "2262", "0999", "2263", "20x3");
        Arbitrary<String> twoDigits = Arbitraries.integers().between(0, 62).map(i -> String.format("%02d", i));
        Arbitrary<String> fraction = Arbitraries.of("", ".", ".5", ".123", ".000000001", ".123456789", ".1234567890", ",5", ".5x");
        Arbitrary<String> zone = Arbitraries.of("Z", "z", "+00:00", "+02:00", "-05:30", "", "+2", "+24:00", " Z");
        Arbitrary<String> separator = Arbitraries.of("T", "T", "T", " ", "t");
        return Combinators.combine(year, twoDigits, twoDigits, separator, twoDigits, twoDigits, twoDigits,
                Combinators.combine(fraction, zone).as(String::concat))
                .as((y, mo, d, sep, h, mi, s, rest) -> y + "-" + mo + "-" + d + sep + h + ":" + mi + ":" + s + rest);
    }

    @Property(tries = 5000)
    void the_fast_path_agrees_with_iso_8601(@ForAll("timestamps") String text) {
        assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
    }

    @Example
    void utc_offsets_and_fractions_name_the_same_instant() {
        assertThat(Timestamps.parse("2023-08-09T12:00:00+02:00")).contains(Instant.parse("2023-08-09T10:00:00Z"));
        assertThat(Timestamps.parse("2023-08-09T10:00:00.5Z")).contains(Instant.parse("2023-08-09T10:00:00.500Z"));
        assertThat(Timestamps.parse("2023-02-29T10:00:00Z")).isEmpty();
        assertThat(Timestamps.parse("2024-02-29T10:00:00Z")).contains(Instant.parse("2024-02-29T10:00:00Z"));
    }
}
