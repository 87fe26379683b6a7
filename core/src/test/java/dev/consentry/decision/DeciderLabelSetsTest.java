package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.item.Item;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.testing.SpecReference;
import dev.consentry.testing.World;
import dev.consentry.testing.Worlds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node's label set is kept as a number into the distinct sets, a byte a node while there are
 * at most 256 of them; past that every node's number widens. Hundreds of items, each derived
 * from its own pair of a hundred categories, make over 400 distinct sets: every node keeps its
 * labels, and every decision, whose reasons name the labels, is the literal reading of SPEC.md.
 */
class DeciderLabelSetsTest {
    private static final Instant EFFECTIVE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2024-01-02T00:00:00Z");
    private static final int FILLERS = 100;
    private static final int DERIVED = 400;

    @Test
    void past_256_distinct_label_sets_every_node_keeps_its_own() {
        Taxonomy taxonomy = Worlds.wideTaxonomy();
        Category chat = taxonomy.category("content.chat").orElseThrow();
        List<Item> items = new ArrayList<>();
        for (int c = 0; c < FILLERS; c++) {
            items.add(item("r" + c, filler(taxonomy, c), List.of()));
        }
        List<Set<Category>> expected = new ArrayList<>();
        items.forEach(i -> expected.add(Set.of(i.category())));
        for (int a = 0, made = 0; made < DERIVED; a++) {
            for (int b = a + 1; b < FILLERS && made < DERIVED; b++, made++) {
                items.add(item("d" + a + "-" + b, chat, List.of("r" + a, "r" + b)));
                expected.add(Set.of(chat, filler(taxonomy, a), filler(taxonomy, b)));
            }
        }
        assertThat(new HashSet<>(expected)).hasSizeGreaterThan(256);
        PolicyVersion version = new PolicyVersion(Worlds.FAMILY, "1", EFFECTIVE, Effect.DENY, List.of(), List.of(), "0".repeat(64));
        World world = new World(taxonomy, Worlds.CATALOG, Worlds.FAMILY, List.of(version), items, List.of());
        Decider decider = world.decider();
        SpecReference spec = new SpecReference(world);
        Purpose training = taxonomy.purpose("ai.training.first_party").orElseThrow();
        Instant t = CREATED.plusSeconds(60);
        for (int node = 0; node < items.size(); node++) {
            assertThat(decider.labels(node, t)).as(items.get(node).id()).containsExactlyInAnyOrderElementsOf(expected.get(node));
            Decision d = decider.decide(node, training, t);
            assertThat(new SpecReference.Outcome(d.effect(), d.reasons()).canonical()).as(items.get(node).id())
                    .isEqualTo(spec.decide(items.get(node).id(), training, t).canonical());
        }
    }

    private static Category filler(Taxonomy taxonomy, int c) {
        return taxonomy.category(String.format("filler.c%03d", c)).orElseThrow();
    }

    private static Item item(String id, Category category, List<String> parents) {
        return new Item(id, "acme", Optional.empty(), Optional.empty(), category, CREATED, List.of(), parents, Set.of());
    }
}
