package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.decision.Names;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Taxonomy;
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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The items reader takes lines in the plain form straight from their bytes and leaves every other
 * line to Jackson ({@link ItemReader#parse(String, String, Taxonomy)} reads with Jackson alone).
 * Whatever a line holds (escapes, text beyond ASCII, odd spacing, nulls, wrong types, unknown
 * names, bad times, fields twice or missing), a file of that line must read as Jackson reads it:
 * the same item, or the same error.
 */
class PlainItemLinesProperties {
    private static final Taxonomy TAXONOMY = Taxonomy.defaults();

    /** What reading gave: the items, or the error's code and field. */
    record Outcome(List<Item> items, String error) {
        static Outcome of(Supplier<List<Item>> read) {
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
        Path file = Files.createTempFile("items", ".jsonl");
        try {
            Files.writeString(file, line + ending);
            Outcome read = Outcome.of(() -> ItemReader.read(file, TAXONOMY).items());
            Outcome jackson = Outcome.of(() -> List.of(ItemReader.parse(line, file.toString(), TAXONOMY)));
            assertThat(read).as(line).isEqualTo(jackson);
        } finally {
            Files.delete(file);
        }
    }

    /**
     * Consecutive lines mostly repeat their account, owner, meeting, category, subjects and
     * transforms, and the plain reader looks each value up by its bytes, trying the key found
     * last in its place first. Lines drawn from a few values each, near misses among them (a
     * byte different, a prefix, an escape, a space, null, a list left open), must still read as
     * Jackson reads them one by one.
     */
    @Property(tries = 800)
    void lines_that_repeat_values_read_alike_from_their_bytes_and_through_jackson(
            @ForAll("repeatingLines") List<String> lines) throws IOException {
        Path file = Files.createTempFile("items", ".jsonl");
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
            Outcome read = Outcome.of(() -> ItemReader.read(file, TAXONOMY).items());
            Outcome jackson = Outcome.of(() -> lines.stream().map(line -> ItemReader.parse(line, file.toString(), TAXONOMY)).toList());
            assertThat(read).as(String.join("\n", lines)).isEqualTo(jackson);
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<List<String>> repeatingLines() {
        // Values that read, and near misses of them, in a ratio that leaves most files without an
        // error: in a file with one, the first error is all that can be compared.
        Arbitrary<String> name = mostly(Arbitraries.of("\"acme\"", "\"acme\"", "\"acme\"", "\"acne\"", "\"acm\"",
                "\"acme1\"", "\"acme\" ", "\"ac\\u006de\"", "null"), Arbitraries.of("1", "\"acme"));
        Arbitrary<String> category = mostly(Arbitraries.of("\"customer_content.audio\"", "\"customer_content.audio\"",
                "\"customer_content.video\"", "\"customer_content.chat\""),
                Arbitraries.of("\"customer_content.au\"", "\"customer_content\"", "\"nope\"", "null"));
        Arbitrary<String> created = mostly(Arbitraries.of("\"2023-08-09T10:00:00Z\"", "\"2023-08-09T10:00:01Z\"",
                "\"2023-08-09T10:00:01Z\"", "\"2023-08-10T10:00:01Z\"", "\"2023-08-19T10:00:01Z\"", "\"2023-09-09T10:00:01Z\"",
                "\"2023-08-09T10:00:00.5Z\""),
                Arbitraries.of("\"2023-08-09T24:00:00Z\"", "\"2023-08-09T10-00:00Z\"", "\"2023-08-09T10:00:60Z\""));
        Arbitrary<String> subjects = mostly(Arbitraries.of("[\"ann\",\"bob\"]", "[\"ann\",\"bob\"]", "[\"ann\",\"bop\"]",
                "[\"ann\"]", "[\"ann\",\"bo\"]", "[]", "null", "[\"ann\", \"bob\"]", "[\"ann\",\"bob\",\"ann\"]",
                "[\"ann\",\"bob\"] "), Arbitraries.of("[\"ann\",\"bob\"", "[\"ann\",\"bob\",]"));
        Arbitrary<String> parents = Arbitraries.of("[]", "[\"i0\"]", "null");
        Arbitrary<String> transforms = mostly(Arbitraries.of("[]", "[\"aggregated\"]", "[\"aggregated\"]",
                "[\"anonymized\"]", "[\"aggregated\",\"anonymized\"]", "null"),
                Arbitraries.of("[\"nope\"]", "[\"aggregated\""));
        List<Arbitrary<String>> members = List.of(
                member("account", name), member("user", name), member("meeting", name), member("category", category),
                member("created", created), member("subjects", subjects), member("parents", parents),
                member("transforms", transforms));
        Arbitrary<String> fields = Combinators.combine(members).as(ms -> String.join(",", ms));
        return fields.list().ofMinSize(1).ofMaxSize(8).map(bodies -> {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                lines.add("{\"id\":\"i" + i + "\"," + bodies.get(i) + "}");
            }
            return lines;
        });
    }

    @Example
    void the_lines_the_generator_writes_are_plain_and_read_as_jackson_reads_them() throws IOException {
        String line = "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"user\":null,\"meeting\":\"m1\","
                + "\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:00:00Z\","
                + "\"subjects\":[\"ann\",\"bob\"],\"parents\":[\"m1/audio\"],\"transforms\":[\"pseudonymized\"]}";
        ItemReader reader = new ItemReader(TAXONOMY, new Names());
        reader.start(1);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(reader.plainLine(bytes, 0, bytes.length)).isEqualTo(bytes.length - 1);
        assertThat(reader.result().item(0)).isEqualTo(ItemReader.parse(line, "line", TAXONOMY));
    }

    @Provide
    Arbitrary<String> endings() {
        return Arbitraries.of("", "\n", "\r\n", "\r", " \n", "\t\r\n");
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> space = Arbitraries.of("", "", "", "", " ", "\t", "  ");
        Arbitrary<String> text = Arbitraries.of("m1/audio", "acme-1", "ann.2", "a b", "zoë", "\\u0061bc", "x\\\"y", "a\\/b",
                "", "😀", "tab\\tin", "\u007f", "customer_content.audio");
        Arbitrary<String> string = text.map(t -> "\"" + t + "\"");
        Arbitrary<String> other = Arbitraries.of("null", "1", "true", "[]", "{}", "nul", "\"unterminated");
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, string), Tuple.of(1, other));
        Arbitrary<String> list = Combinators.combine(name.list().ofMaxSize(3), space)
                .as((names, s) -> "[" + s + String.join(s + "," + s, names) + s + "]");
        Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(8, list), Tuple.of(1, other));
        Arbitrary<String> category = Arbitraries.of("\"customer_content.audio\"", "\"customer_content.transcript\"",
                "\"service_generated.telemetry\"", "\"nope\"", "\"Customer_content.audio\"", "null", "1",
                "\"customer_content\\u002eaudio\"");
        Arbitrary<String> created = Arbitraries.of("\"2023-08-09T10:00:00Z\"", "\"2023-08-09T10:00:00.5Z\"",
                "\"2023-08-09T12:00:00+02:00\"", "\"2023-02-30T10:00:00Z\"", "\"2024-02-29T23:59:59Z\"", "\"yesterday\"",
                "null", "20230809");
        Arbitrary<String> transforms = Arbitraries.of("[]", "[\"pseudonymized\"]", "[\"aggregated\", \"anonymized\"]",
                "[\"nope\"]", "null", "[\"pseudonymized\",\"pseudonymized\"]", "\"aggregated\"", "[\"\"]");
        List<Arbitrary<String>> members = List.of(
                member("id", string), member("account", name), member("user", name), member("meeting", name),
                member("category", category), member("created", created), member("subjects", names),
                member("parents", names), member("transforms", transforms));
        Arbitrary<List<String>> present = Combinators.combine(members).as(ms -> ms).flatMap(ms ->
                Arbitraries.of(true, true, true, true, true, true, true, true, false).list().ofSize(ms.size()).map(keep -> {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < ms.size(); i++) {
                        if (keep.get(i)) {
                            out.add(ms.get(i));
                        }
                    }
                    return out;
                }));
        Arbitrary<String> extra = Arbitraries.of("", "", "", "", "", "", "\"extra\":1", "\"i\\u0064\":\"dup\"", "\"id\":\"dup\"",
                "\"user\":\"again\"");
        return Combinators.combine(present.flatMap(ms -> Arbitraries.shuffle(ms)), extra, space, space, space)
                .as((ms, x, s1, s2, s3) -> {
                    List<String> all = new ArrayList<>(ms);
                    if (!x.isEmpty()) {
                        all.add(x);
                    }
                    return s1 + "{" + s2 + String.join(s2 + "," + s3, all) + s3 + "}" + s1;
                });
    }

    /** Values that read, twenty times as often as values that do not. */
    private static Arbitrary<String> mostly(Arbitrary<String> valid, Arbitrary<String> invalid) {
        return Arbitraries.frequencyOf(Tuple.of(20, valid), Tuple.of(1, invalid));
    }

    private static Arbitrary<String> member(String key, Arbitrary<String> value) {
        Arbitrary<String> space = Arbitraries.of("", "", "", " ", "\t");
        return Combinators.combine(value, space, space).as((v, a, b) -> "\"" + key + "\"" + a + ":" + b + v);
    }
}
