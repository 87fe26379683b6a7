package dev.consentry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentry.build.BuildRecord;
import dev.consentry.decision.Decider;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.formats.EventReader;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.PolicyReader;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.taxonomy.Category;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every case file under {@code corpus/}: each holds a world (policy versions as YAML
 * lines, optional {@code taxonomy.yaml} and {@code settings.yaml}, items and events as they
 * would appear in the JSON Lines files) and cases (purpose, time, and for some items the expected
 * decision, the exact set of reason codes and, for key items, the exact reasons). Every case runs
 * the real gate into a fresh directory and reads its {@code allowed.jsonl} and {@code denied.jsonl};
 * {@code labels} expectations are checked through {@link Decider#labels}.
 *
 * <p>Expected outcomes were derived by hand from SPEC.md's "Decision semantics"; each file's
 * {@code description} says which part of the semantics it pins down.
 */
class CorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicNode> every_case_of_the_corpus_decides_as_the_spec_says() throws IOException, URISyntaxException {
        Path corpus = Path.of(CorpusTest.class.getResource("/corpus").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(CorpusTest::file);
    }

    private static DynamicNode file(Path file) {
        JsonNode doc = read(file);
        String name = file.getFileName().toString();
        Path dir = work.resolve(name.replace(".json", ""));
        World world = World.write(doc.get("world"), dir);
        List<DynamicNode> cases = new ArrayList<>();
        int n = 0;
        for (JsonNode c : doc.get("cases")) {
            cases.add(caseNode(world, c, dir.resolve("out" + n++)));
        }
        return dynamicContainer(name + ": " + doc.get("description").asText(), file.toUri(), cases.stream());
    }

    private static DynamicNode caseNode(World world, JsonNode c, Path out) {
        String purpose = c.get("purpose").asText();
        Instant at = Instant.parse(c.get("at").asText());
        Supplier<Map<String, JsonNode>> decided = memoize(() -> gate(world, purpose, at, out));
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("the build lists every item once and counts it", () -> {
            Map<String, JsonNode> lines = decided.get();
            assertThat(lines).hasSize(world.itemCount());
            BuildRecord build = world.builds.get(out);
            assertThat(build.counts().items()).isEqualTo(world.itemCount());
            assertThat(build.counts().allowed())
                    .isEqualTo(lines.values().stream().filter(l -> l.get("decision").asText().equals("allow")).count());
        }));
        for (Map.Entry<String, JsonNode> e : c.get("expect").properties()) {
            String id = e.getKey();
            JsonNode want = e.getValue();
            String decision = want.get("decision").asText();
            tests.add(dynamicTest(id + " is " + decision + " " + want.get("codes"), () -> {
                JsonNode got = decided.get().get(id);
                assertThat(got).as("%s in the gate's output", id).isNotNull();
                assertThat(got.get("decision").asText()).as("decision for %s: %s", id, got).isEqualTo(decision);
                TreeSet<String> codes = new TreeSet<>();
                got.get("reasons").forEach(r -> codes.add(r.get("code").asText()));
                TreeSet<String> wantCodes = new TreeSet<>();
                want.get("codes").forEach(code -> wantCodes.add(code.asText()));
                assertThat(codes).as("reason codes for %s: %s", id, got).isEqualTo(wantCodes);
                if (want.has("reasons")) {
                    assertThat(canonical(got.get("reasons"))).as("reasons for %s", id).isEqualTo(canonical(want.get("reasons")));
                }
            }));
        }
        if (c.has("labels")) {
            for (Map.Entry<String, JsonNode> e : c.get("labels").properties()) {
                tests.add(dynamicTest(e.getKey() + " carries " + e.getValue(), () -> {
                    TreeSet<String> want = new TreeSet<>();
                    e.getValue().forEach(l -> want.add(l.asText()));
                    assertThat(world.labels(e.getKey(), at)).isEqualTo(want);
                }));
            }
        }
        return dynamicContainer(c.get("name").asText() + " (" + purpose + " at " + at + ")", tests.stream());
    }

    /** Runs the gate and returns each output line by item id. */
    private static Map<String, JsonNode> gate(World world, String purpose, Instant at, Path out) {
        BuildRecord build = LocalGate.run(new GateRequest(world.items, world.events, world.policy, purpose, at, out, false),
                Progress.NONE);
        world.builds.put(out, build);
        Map<String, JsonNode> lines = new HashMap<>();
        for (String name : List.of(LocalGate.ALLOWED, LocalGate.DENIED)) {
            try {
                for (String line : Files.readAllLines(out.resolve(name))) {
                    JsonNode node = JSON.readTree(line);
                    assertThat(lines.put(node.get("id").asText(), node)).as("%s listed twice", node.get("id")).isNull();
                    assertThat(node.get("decision").asText()).isEqualTo(name.equals(LocalGate.ALLOWED) ? "allow" : "deny");
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return lines;
    }

    /** Reasons as sorted canonical JSON strings (fields in a fixed order), so lists compare as multisets. */
    private static List<String> canonical(JsonNode reasons) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : reasons) {
            StringBuilder s = new StringBuilder();
            Iterator<String> names = r.fieldNames();
            List<String> fields = new ArrayList<>();
            names.forEachRemaining(fields::add);
            fields.sort(Comparator.naturalOrder());
            for (String f : fields) {
                s.append(f).append('=').append(r.get(f).asText()).append(';');
            }
            out.add(s.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus world written out as the gate's input files. */
    private static final class World {
        final Path items;
        final Path events;
        final Path policy;
        final Map<Path, BuildRecord> builds = new HashMap<>();
        private Decider decider;

        private World(Path items, Path events, Path policy) {
            this.items = items;
            this.events = events;
            this.policy = policy;
        }

        static World write(JsonNode world, Path dir) {
            try {
                Path policy = Files.createDirectories(dir.resolve("policy"));
                for (String optional : List.of("taxonomy", "settings")) {
                    if (world.has(optional)) {
                        Files.writeString(policy.resolve(optional + ".yaml"), lines(world.get(optional)));
                    }
                }
                for (Map.Entry<String, JsonNode> e : world.get("policy").properties()) {
                    Files.writeString(policy.resolve(e.getKey()), lines(e.getValue()));
                }
                Path items = dir.resolve("items.jsonl");
                Path events = dir.resolve("events.jsonl");
                Files.writeString(items, jsonLines(world.get("items")));
                Files.writeString(events, jsonLines(world.get("events")));
                return new World(items, events, policy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int itemCount() {
            try {
                return (int) Files.readAllLines(items).stream().filter(l -> !l.isBlank()).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The item's labels under the version in force at {@code at}, through the real readers and engine. */
        synchronized TreeSet<String> labels(String id, Instant at) {
            if (decider == null) {
                PolicyBundle bundle = PolicyReader.read(policy);
                ItemReader.ItemFile itemFile = ItemReader.read(items, bundle.taxonomy());
                decider = new DecisionEngine(bundle, EventReader.read(events, bundle.catalog()).index(bundle.catalog()))
                        .over(itemFile.graph());
            }
            int node = decider.graph().node(id).orElseThrow();
            TreeSet<String> out = new TreeSet<>();
            decider.labels(node, at).stream().map(Category::name).forEach(out::add);
            return out;
        }

        private static String lines(JsonNode node) {
            if (node.isTextual()) {
                return node.asText();
            }
            StringBuilder s = new StringBuilder();
            node.forEach(line -> s.append(line.asText()).append('\n'));
            return s.toString();
        }

        private static String jsonLines(JsonNode array) throws IOException {
            StringBuilder s = new StringBuilder();
            for (JsonNode line : array) {
                s.append(line.isTextual() ? line.asText() : JSON.writeValueAsString(line)).append('\n');
            }
            return s.toString();
        }
    }
}
