package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The id index at a size where it splits the ids into many partitions (a few hundred thousand
 * items), as it does for a large build: every id is found at its node, and of several repeated
 * ids the one reported is the earliest second occurrence, with its first.
 */
class IdIndexTest {
    private static final int ITEMS = 200_000;
    private static final Category AUDIO = Taxonomy.defaults().category("customer_content.audio").orElseThrow();
    private static final Instant CREATED = Instant.parse("2023-08-09T10:00:00Z");

    @Test
    void every_id_is_found_at_its_node_and_no_other_id_is() {
        List<Item> items = IntStream.range(0, ITEMS).mapToObj(i -> item("m" + i + "/audio")).toList();
        ItemGraph graph = ItemGraph.of(items);
        for (int node = 0; node < ITEMS; node++) {
            assertThat(graph.node("m" + node + "/audio")).hasValue(node);
        }
        assertThat(graph.node("m" + ITEMS + "/audio")).isEmpty();
        assertThat(graph.node("m1/audi")).isEmpty();
        assertThat(graph.node("")).isEmpty();
    }

    @Test
    void of_several_repeated_ids_the_earliest_second_occurrence_is_reported_with_its_first() {
        List<Item> items = new ArrayList<>(IntStream.range(0, ITEMS).mapToObj(i -> item("m" + i + "/audio")).toList());
        // Repeats placed so that a later repeat has the earlier first occurrence: the second occurrence decides.
        items.set(180_000, item("m5/audio"));
        items.set(150_001, item("m150000/audio"));
        items.set(160_000, item("m100/audio"));
        assertThatThrownBy(() -> ItemGraph.of(items)).isInstanceOfSatisfying(ItemGraph.DuplicateIdException.class, e -> {
            assertThat(e.first()).isEqualTo(150_000);
            assertThat(e.second()).isEqualTo(150_001);
            assertThat(e.id()).isEqualTo("m150000/audio");
        });
    }

    private static Item item(String id) {
        return new Item(id, "acme", Optional.empty(), Optional.empty(), AUDIO, CREATED, List.of(), List.of(), Set.of());
    }
}
