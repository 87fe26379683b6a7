package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.decision.Decider;
import dev.consentry.formats.DecisionJson;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.testing.World;
import dev.consentry.testing.WorldFiles;
import dev.consentry.testing.Worlds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the gate writes for an item is what {@code consentry explain} says about it, and both are
 * what the engine decides over the same world in memory: random worlds (see {@link Worlds}) are
 * written in the public formats and run through the real command line, in-process.
 */
class GateExplainProperties {

    @Provide
    Arbitrary<World> worlds() {
        return Worlds.worlds();
    }

    @Provide
    Arbitrary<Purpose> purposes() {
        return Arbitraries.of(Worlds.purposes());
    }

    @Provide
    Arbitrary<Instant> times() {
        return Arbitraries.of(Worlds.times());
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void the_gate_and_explain_give_the_same_decision_for_every_item(@ForAll("worlds") World world,
            @ForAll("purposes") Purpose purpose, @ForAll("times") Instant at) throws IOException {
        Path dir = Files.createTempDirectory("consentry-gate-explain");
        try {
            WorldFiles.Paths files = WorldFiles.write(world, dir);
            Path out = dir.resolve("out");
            Cli.Result gate = Cli.run("gate", "--items", files.items().toString(), "--events", files.events().toString(),
                    "--policy", files.policy().toString(), "--purpose", purpose.name(), "--at", at.toString(),
                    "--out", out.toString());
            assertThat(gate.exit()).as("%s", gate).isZero();
            Map<String, String> gated = new HashMap<>();
            for (String name : List.of("allowed.jsonl", "denied.jsonl")) {
                for (String line : Files.readAllLines(out.resolve(name))) {
                    String id = line.substring("{\"id\":\"".length(), line.indexOf('"', "{\"id\":\"".length()));
                    assertThat(gated.put(id, line)).as("%s listed twice", id).isNull();
                }
            }
            Decider inMemory = world.decider();
            assertThat(gated).hasSize(world.items().size());
            for (int node = 0; node < world.items().size(); node++) {
                String id = world.items().get(node).id();
                Cli.Result explain = Cli.run("explain", "--id", id, "--items", files.items().toString(), "--events",
                        files.events().toString(), "--policy", files.policy().toString(), "--purpose", purpose.name(),
                        "--at", at.toString());
                assertThat(explain.exit()).as("%s", explain).isZero();
                assertThat(explain.out().strip()).as("explain %s in %s", id, world).isEqualTo(gated.get(id));
                assertThat(gated.get(id)).as("gate %s in %s", id, world)
                        .isEqualTo(DecisionJson.toJson(inMemory.decide(node, purpose, at)));
            }
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
