package dev.consentry.formats;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.Event;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The events reader takes lines in the plain form straight from their bytes and leaves every
 * other line to Jackson. Whatever a line holds, a file of it must read as a file of the same line
 * with its first key's first letter spelled as a JSON unicode escape (the same key to JSON), which
 * only Jackson reads: the same events, or the same error.
 */
class PlainEventLinesProperties {
    private static final SettingsCatalog CATALOG = SettingsCatalog.defaults();

    /** What reading gave: the events, or the error's code and field. */
    record Outcome(List<Event> events, String error) {
        static Outcome of(Supplier<List<Event>> read) {
            try {
                return new Outcome(read.get(), null);
            } catch (ConsentryException e) {
                return new Outcome(null, e.code() + " " + e.location().flatMap(SourceLocation::field).orElse(""));
            }
        }
    }

    @Property(tries = 1500)
    void a_line_reads_alike_from_its_bytes_and_through_jackson(@ForAll("lines") String line,
            @ForAll("endings") String ending) throws IOException {
        assertThat(read(line + ending)).as(line).isEqualTo(read(throughJackson(line) + ending));
    }

    /**
     * The events of a meeting come together, so the plain reader tries each field's value on the
     * line before first, and a time's day as the one before. Files of a few lines drawn from a few
     * values each, near misses among them, must read as the same lines through Jackson do.
     */
    @Property(tries = 800)
    void lines_that_repeat_values_read_alike_from_their_bytes_and_through_jackson(
            @ForAll("repeatingLines") List<String> lines) throws IOException {
        assertThat(read(String.join("\n", lines) + "\n")).as(String.join("\n", lines))
                .isEqualTo(read(lines.stream().map(PlainEventLinesProperties::throughJackson).collect(joining("\n")) + "\n"));
    }

    @Provide
    Arbitrary<List<String>> repeatingLines() {
        Arbitrary<String> type = Arbitraries.of("notice_ack", "notice_ack", "notice_ack", "objection", "membership");
        Arbitrary<String> at = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.of("2023-08-09T10:00:00Z",
                "2023-08-09T10:00:01Z", "2023-08-19T10:00:01Z", "2023-08-09T10:00:00.5Z")),
                Tuple.of(1, Arbitraries.of("2023-08-09T24:00:00Z", "2023-08-09T10:0:00Z")));
        Arbitrary<String> name = Arbitraries.of("m1", "m1", "m1", "m2", "m", "m10", "m1 ");
        Arbitrary<String> notice = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.of("ai_processing", "ai_processing",
                "recording")), Tuple.of(1, Arbitraries.of("ai_processin", "nope")));
        return Combinators.combine(type, at, name, name, notice).as((t, a, m, u, n) -> switch (t) {
            case "membership" -> "{\"type\":\"membership\",\"at\":\"" + a + "\",\"user\":\"" + u + "\",\"account\":\"" + m
                    + "\",\"group\":\"" + n + "\"}";
            default -> "{\"type\":\"" + t + "\",\"at\":\"" + a + "\",\"meeting\":\"" + m + "\",\"user\":\"" + u
                    + "\",\"notice\":\"" + n + "\"}";
        }).list().ofMinSize(1).ofMaxSize(8);
    }

    /** The same line with its first key's first letter escaped, which no plain reading accepts. */
    private static String throughJackson(String line) {
        int quote = line.indexOf('"');
        if (quote < 0 || quote + 1 >= line.length()) {
            return line;
        }
        char first = line.charAt(quote + 1);
        return line.substring(0, quote + 1) + String.format("\\u%04x", (int) first) + line.substring(quote + 2);
    }

    private static Outcome read(String content) throws IOException {
        Path file = Files.createTempFile("events", ".jsonl");
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
            return Outcome.of(() -> EventReader.read(file, CATALOG).events());
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> endings() {
        return Arbitraries.of("", "\n", "\r\n", " \n");
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> text = Arbitraries.of("m1", "acme-1", "ann.2", "zoë", "\\u0061bc", "a b", "", "\u007f");
        Arbitrary<String> string = text.map(t -> "\"" + t + "\"");
        Arbitrary<String> other = Arbitraries.of("null", "1", "true", "false", "[]", "{}");
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(8, string), Tuple.of(1, other));
        Arbitrary<String> type = Arbitraries.of("\"setting\"", "\"membership\"", "\"notice_ack\"", "\"objection\"",
                "\"erasure\"", "\"Setting\"", "\"nope\"", "1");
        Arbitrary<String> at = Arbitraries.of("\"2023-08-09T10:00:00Z\"", "\"2023-08-09T10:00:00.25Z\"",
                "\"2023-08-09T12:00:00+02:00\"", "\"2023-02-30T10:00:00Z\"", "\"later\"", "null");
        Arbitrary<String> scope = Arbitraries.of("\"account:acme\"", "\"group:acme/legal\"", "\"user:acme/ann\"",
                "\"user:acme\"", "\"tenant:acme\"", "true");
        Arbitrary<String> key = Arbitraries.of("\"ai.meeting_summary.enabled\"", "\"ai.meeting_summary.share_for_training\"",
                "\"ai.nope\"", "1");
        Arbitrary<String> notice = Arbitraries.of("\"ai_processing\"", "\"recording\"", "\"nope\"", "null");
        Arbitrary<String> bool = Arbitraries.of("true", "false", "\"true\"", "null", "tru");
        Arbitrary<List<String>> members = Combinators.combine(List.of(
                member("type", type), member("at", at), member("actor", value), member("role", value),
                member("scope", scope), member("key", key), member("value", bool), member("locked", bool),
                member("user", value), member("account", value), member("group", value), member("meeting", value),
                member("notice", notice), member("item", value))).as(ms -> ms);
        // Mostly the fields of one type, sometimes one more or one fewer.
        Arbitrary<List<Integer>> shape = Arbitraries.of(
                List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(0, 1, 2, 3, 4, 5, 6), List.of(0, 1, 8, 9, 10),
                List.of(0, 1, 11, 8, 12), List.of(0, 1, 13), List.of(0, 1, 13, 8), List.of(1, 13), List.of(0, 1, 11, 8));
        Arbitrary<String> space = Arbitraries.of("", "", "", " ", "\t");
        return Combinators.combine(members, shape, Arbitraries.of(false, false, false, true), space).as((ms, fields, twice, s) -> {
            List<String> chosen = new ArrayList<>();
            fields.forEach(f -> chosen.add(ms.get(f)));
            if (twice) {
                chosen.add(ms.get(fields.get(fields.size() - 1)));
            }
            return "{" + s + String.join(s + "," + s, chosen) + s + "}";
        });
    }

    private static Arbitrary<String> member(String key, Arbitrary<String> value) {
        Arbitrary<String> space = Arbitraries.of("", "", "", " ");
        return Combinators.combine(value, space).as((v, a) -> "\"" + key + "\"" + a + ":" + a + v);
    }
}
