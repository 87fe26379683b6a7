package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentry.time.Instants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The readers must accept and reject exactly what RFC 3339 spells, an ISO-8601 date-time with an
 * offset, seconds always and a fraction of one to nine digits (a strict, case-sensitive
 * {@link DateTimeFormatter} here), within the range the engine documents (see {@link Instants}),
 * and give the same instant, on the fast path for {@code 2023-08-09T10:00:00Z} and off it; and the
 * writers spell times as {@link Instant#toString} does.
 */
class TimestampsProperties {
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    /** RFC 3339, within the engine's documented range (epoch nanoseconds in a long: 1677 to 2262). */
    static Optional<Instant> reference(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, RFC_3339).toInstant();
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
        Arbitrary<String> zone = Arbitraries.of("Z", "z", "+00:00", "+02:00", "-05:30", "", "+2", "+24:00", " Z", "-00:00",
                "+02:00:30", "+0200");
        Arbitrary<String> separator = Arbitraries.of("T", "T", "T", " ", "t");
        return Combinators.combine(year, twoDigits, twoDigits, separator, twoDigits, twoDigits, twoDigits,
                Combinators.combine(fraction, zone).as(String::concat))
                .as((y, mo, d, sep, h, mi, s, rest) -> y + "-" + mo + "-" + d + sep + h + ":" + mi + ":" + s + rest);
    }

    @Property(tries = 5000)
    void timestamps_are_read_as_rfc_3339_spells_them(@ForAll("timestamps") String text) {
        assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
    }

    /**
     * A reader remembers the day of the last whole-second time and reads only the clock of a time
     * on that day. Over runs of times that mostly share a day (and the day on which epoch
     * nanoseconds run out, 2262-04-11), each must read as {@link Timestamps#utcNanos} reads it alone.
     */
    @Property(tries = 1000)
    void a_reader_of_many_times_reads_each_as_it_reads_alone(@ForAll("sameDays") List<String> texts) {
        Timestamps.Reader reader = new Timestamps.Reader();
        for (String text : texts) {
            byte[] bytes = ("  " + text + "\"").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(reader.utcNanos(bytes, 2, text.length())).as(text)
                    .isEqualTo(Timestamps.utcNanos(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length()));
        }
    }

    @Provide
    Arbitrary<List<String>> sameDays() {
        Arbitrary<String> day = Arbitraries.of("2023-08-09T", "2023-08-09T", "2023-08-10T", "2023-08-19T", "2023-09-09T",
                "2262-04-11T", "2023-02-29T", "2023-08-09t", "2023-08-09 ", "2023-08-0xT");
        // Mostly valid times, so that runs of them on one day are common; now and then a field out of range.
        Arbitrary<String> twoDigits = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(0, 23).map(i -> String.format("%02d", i))),
                Tuple.of(1, Arbitraries.integers().between(24, 61).map(i -> String.format("%02d", i))),
                Tuple.of(1, Arbitraries.of("2x", "-1", " 1")));
        Arbitrary<String> rest = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("Z")),
                Tuple.of(1, Arbitraries.of(".5Z", "z", "+00:00", "Z ", "")));
        Arbitrary<String> separator = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(":")), Tuple.of(1, Arbitraries.just("-")));
        return Combinators.combine(day, twoDigits, separator, twoDigits, twoDigits, rest)
                .as((d, h, sep, m, s, r) -> d + h + sep + m + ":" + s + r).list().ofMinSize(1).ofMaxSize(12);
    }

    @Example
    void utc_offsets_and_fractions_name_the_same_instant() {
        assertThat(Timestamps.parse("2023-08-09T12:00:00+02:00")).contains(Instant.parse("2023-08-09T10:00:00Z"));
        assertThat(Timestamps.parse("2023-08-09T10:00:00.5Z")).contains(Instant.parse("2023-08-09T10:00:00.500Z"));
        assertThat(Timestamps.parse("2023-02-29T10:00:00Z")).isEmpty();
        assertThat(Timestamps.parse("2024-02-29T10:00:00Z")).contains(Instant.parse("2024-02-29T10:00:00Z"));
    }

    /** Epoch seconds of 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long FIRST = -30_610_224_000L;
    private static final long LAST = 253_402_300_799L;

    @Property
    void aWholeSecondIsSpelledAsInstantToStringSpellsIt(@ForAll @LongRange(min = FIRST, max = LAST) long seconds) {
        Instant instant = Instant.ofEpochSecond(seconds);
        char[] out = new char[Instants.UTC_SECONDS_LENGTH];

        assertThat(Instants.formatUtcSeconds(instant, out)).isTrue();
        assertThat(new String(out)).isEqualTo(instant.toString());
    }

    @Property
    void whatIsSpelledParsesBackWithinTheEnginesRange(@ForAll @LongRange(min = -9_223_372_036L, max = 9_223_372_035L) long seconds) {
        Instant instant = Instant.ofEpochSecond(seconds);
        char[] out = new char[Instants.UTC_SECONDS_LENGTH];

        assertThat(Instants.formatUtcSeconds(instant, out)).isTrue();
        assertThat(Timestamps.parse(new String(out))).contains(instant);
    }

    @Property
    void theWriterSpellsEverySequenceOfTimesAsInstantToStringDoes(
            @ForAll @Size(max = 40) List<@LongRange(min = 1_690_000_000L, max = 1_690_400_000L) Long> seconds,
            @ForAll @IntRange(min = 0, max = 3) int fractionEvery) throws IOException {
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < seconds.size(); i++) {
            instants.add(Instant.ofEpochSecond(seconds.get(i), fractionEvery > 0 && i % (fractionEvery + 1) == 0 ? 250_000_000 : 0));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Timestamps.Writer writer = new Timestamps.Writer();
        try (JsonGenerator g = JsonLines.generator(bytes)) {
            g.writeStartArray();
            for (Instant instant : instants) {
                writer.write(g, instant);
            }
            g.writeEndArray();
        }

        String expected = instants.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Property
    void aTimeInNanosecondsIsSpelledAsItsInstantIs(@ForAll long anyNanos, @ForAll @LongRange(min = -9_223_372_036L, max = 9_223_372_035L) long seconds) {
        for (long nanos : new long[] {anyNanos, seconds * 1_000_000_000L}) {
            char[] fromNanos = new char[Instants.UTC_SECONDS_LENGTH];
            char[] fromInstant = new char[Instants.UTC_SECONDS_LENGTH];

            assertThat(Instants.formatUtcSeconds(nanos, fromNanos)).isEqualTo(Instants.formatUtcSeconds(Instants.instant(nanos), fromInstant));
            assertThat(fromNanos).isEqualTo(fromInstant);
        }
    }

    @Property
    void fractionsAndFarYearsAreLeftToInstantToString(@ForAll @IntRange(min = 1, max = 999_999_999) int nanos) {
        char[] out = new char[Instants.UTC_SECONDS_LENGTH];

        assertThat(Instants.formatUtcSeconds(Instant.ofEpochSecond(1_691_575_200L, nanos), out)).isFalse();
        assertThat(Instants.formatUtcSeconds(Instant.ofEpochSecond(FIRST - 1), out)).isFalse();
        assertThat(Instants.formatUtcSeconds(Instant.ofEpochSecond(LAST + 1), out)).isFalse();
    }
}
