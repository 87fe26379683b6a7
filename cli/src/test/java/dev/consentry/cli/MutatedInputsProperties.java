package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Whatever one file of a valid world is turned into (a byte changed, cut short, a byte taken
 * out, a token put in, a line repeated or two lines swapped), a build either succeeds or exits 2
 * with one line naming where, and writes nothing; explain and lint answer or exit 2 alike. The bad-input tests pin each error; this looks
 * for the inputs nobody thought to write down. A fuzzing run like it found two kinds of error
 * message that spanned lines (the YAML parser's, and a value quoted back with a newline in it);
 * with both fixes undone, this fails within its tries.
 */
class MutatedInputsProperties {
    private static final List<String> TOKENS = List.of("\"", "\\", "{", "}", "[", "]", ",", ":", "null", "\n", "é", "😀", "0",
            "-", "T", "Z", " ", "\t", "\r", "\u0000", "\\n", "\\u0000", "&a", "*a", "!!str", "---", "? ", "|", "#");

    private Path dir;

    @BeforeTry
    void writeTheWorld() throws IOException {
        dir = Files.createTempDirectory("mutated");
        Fixture.write(dir);
    }

    @AfterTry
    void removeIt() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 400)
    void a_build_of_a_mutated_world_succeeds_or_exits_2_with_one_located_line_and_writes_nothing(
            @ForAll("files") String file, @ForAll("mutations") Mutation mutation,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) throws IOException {
        Cli.Result r = runMutated(file, mutation, where, Fixture.gate(dir));

        assertThat(r.exit()).as("%s", r).isIn(0, 2);
        if (r.exit() == 2) {
            assertThat(dir.resolve("out")).as("%s", r).doesNotExist();
            assertOneLocatedLine(r);
        } else {
            assertThat(dir.resolve("out")).isDirectoryContaining(p -> p.getFileName().toString().equals("build.json"));
        }
    }

    @Property(tries = 200)
    void explaining_an_item_of_a_mutated_world_answers_or_exits_2_with_one_located_line(
            @ForAll("files") String file, @ForAll("mutations") Mutation mutation,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) throws IOException {
        Cli.Result r = runMutated(file, mutation, where, Fixture.explain(dir, "m1/transcript"));

        assertThat(r.exit()).as("%s", r).isIn(0, 2);
        if (r.exit() == 2) {
            assertOneLocatedLine(r);
        }
    }

    /** Lint reads the policy directory alone, and exits 1 when it finds something to report. */
    @Property(tries = 200)
    void linting_a_mutated_policy_reports_or_exits_2_with_one_located_line(
            @ForAll("policyFiles") String file, @ForAll("mutations") Mutation mutation,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) throws IOException {
        Cli.Result r = runMutated(file, mutation, where, "policy", "lint", dir.resolve("policy").toString(), "--format", "json");

        assertThat(r.exit()).as("%s", r).isIn(0, 1, 2);
        if (r.exit() == 2) {
            assertOneLocatedLine(r);
        }
    }

    private Cli.Result runMutated(String file, Mutation mutation, double where, String... args) throws IOException {
        Path path = dir.resolve(file);
        Files.write(path, mutation.apply(Files.readAllBytes(path), where));
        return Cli.run(args);
    }

    private static void assertOneLocatedLine(Cli.Result r) {
        assertThat(r.err().strip()).as("%s", r).startsWith("consentry: ").doesNotContain("\n").matches("(?s).*\\[[A-Z_]+\\]");
    }

    @Provide
    Arbitrary<String> policyFiles() {
        return Arbitraries.of(Fixture.FILES.keySet().stream().filter(f -> f.startsWith("policy/")).toList());
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(Fixture.FILES.keySet());
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 255).map(b -> new Mutation("byte " + b, (bytes, at) -> {
                    byte[] out = bytes.clone();
                    out[at] = (byte) (int) b;
                    return out;
                })),
                Arbitraries.just(new Mutation("cut", (bytes, at) -> Arrays.copyOf(bytes, at))),
                Arbitraries.just(new Mutation("delete", (bytes, at) -> {
                    byte[] out = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                    return out;
                })),
                Arbitraries.of(TOKENS).map(token -> new Mutation("insert " + token, (bytes, at) -> {
                    byte[] t = token.getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[bytes.length + t.length];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(t, 0, out, at, t.length);
                    System.arraycopy(bytes, at, out, at + t.length, bytes.length - at);
                    return out;
                })),
                Arbitraries.just(new Mutation("repeat a line", (bytes, at) -> {
                    List<String> lines = lines(bytes);
                    int k = at % lines.size();
                    lines.add(k, lines.get(k));
                    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                })),
                Arbitraries.just(new Mutation("swap two lines", (bytes, at) -> {
                    List<String> lines = lines(bytes);
                    int k = at % lines.size();
                    int other = (k + 1 + at / 7) % lines.size();
                    String line = lines.get(k);
                    lines.set(k, lines.get(other));
                    lines.set(other, line);
                    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                })));
    }

    private static List<String> lines(byte[] bytes) {
        return new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
    }

    /** A change to a file's bytes at a place given as a fraction of its length. */
    record Mutation(String name, Change change) {
        interface Change {
            byte[] at(byte[] bytes, int at);
        }

        byte[] apply(byte[] bytes, double where) {
            return change.at(bytes, (int) (where * bytes.length));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
