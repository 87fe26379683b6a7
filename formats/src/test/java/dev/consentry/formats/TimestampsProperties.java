package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class TimestampsProperties {
    /** Epoch seconds of 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long FIRST = -30_610_224_000L;
    private static final long LAST = 253_402_300_799L;

    @Property
    void aWholeSecondIsSpelledAsInstantToStringSpellsIt(@ForAll @LongRange(min = FIRST, max = LAST) long seconds) {
        Instant instant = Instant.ofEpochSecond(seconds);
        char[] out = new char[Timestamps.UTC_SECONDS_LENGTH];

        assertThat(Timestamps.format(instant, out)).isTrue();
        assertThat(new String(out)).isEqualTo(instant.toString());
    }

    @Property
    void whatIsSpelledParsesBackWithinTheEnginesRange(@ForAll @LongRange(min = -9_223_372_036L, max = 9_223_372_035L) long seconds) {
        Instant instant = Instant.ofEpochSecond(seconds);
        char[] out = new char[Timestamps.UTC_SECONDS_LENGTH];

        assertThat(Timestamps.format(instant, out)).isTrue();
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
    void fractionsAndFarYearsAreLeftToInstantToString(@ForAll @IntRange(min = 1, max = 999_999_999) int nanos) {
        char[] out = new char[Timestamps.UTC_SECONDS_LENGTH];

        assertThat(Timestamps.format(Instant.ofEpochSecond(1_691_575_200L, nanos), out)).isFalse();
        assertThat(Timestamps.format(Instant.ofEpochSecond(FIRST - 1), out)).isFalse();
        assertThat(Timestamps.format(Instant.ofEpochSecond(LAST + 1), out)).isFalse();
    }
}
