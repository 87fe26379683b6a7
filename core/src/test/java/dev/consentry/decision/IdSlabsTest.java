package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Batches sealed into one thread's slabs keep their ids there one after another, a new slab
 * begun when a batch's ids do not fit in what is left: every id reads back whole, from its batch
 * and through the graph, and parents resolve across batches and slabs.
 */
class IdSlabsTest {
    private static final Category AUDIO = Taxonomy.defaults().category("customer_content.audio").orElseThrow();
    private static final Category TRANSCRIPT = Taxonomy.defaults().category("customer_content.transcript").orElseThrow();
    private static final Instant CREATED = Instant.parse("2023-08-09T10:00:00Z");

    @Test
    void ids_read_back_whole_across_batches_and_slabs() {
        Names names = new Names();
        IdSlabs slabs = new IdSlabs();
        List<ItemBatch> batches = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        // Five batches of about 1.5 MB of ids each: the third and the fifth do not fit in the slab the one before them filled.
        for (int b = 0; b < 5; b++) {
            ItemBatch batch = new ItemBatch(names, 16);
            for (int i = 0; i < 1_500; i++) {
                String id = "b" + b + "/i" + i + "/" + "x".repeat(1_000);
                List<String> parents = ids.isEmpty() ? List.of() : List.of(ids.get(ids.size() - 1));
                batch.add(new Item(id, "acme", Optional.empty(), Optional.empty(), parents.isEmpty() ? AUDIO : TRANSCRIPT,
                        CREATED, List.of(), parents, Set.of()));
                ids.add(id);
            }
            batch.seal(slabs);
            batches.add(batch);
        }
        assertThat(batches.stream().map(batch -> batch.ids).distinct()).as("slabs").hasSize(3);
        ItemGraph graph = ItemGraph.of(batches);
        for (int node = 0; node < ids.size(); node++) {
            assertThat(graph.id(node)).isEqualTo(ids.get(node));
            assertThat(graph.node(ids.get(node))).hasValue(node);
            assertThat(graph.lineageBroken(node)).isFalse();
            assertThat(graph.item(node).parents()).isEqualTo(node == 0 ? List.of() : List.of(ids.get(node - 1)));
        }
    }

    @Test
    void an_empty_batch_seals_into_slabs_and_holds_nothing() {
        ItemBatch empty = new ItemBatch(new Names(), 4);
        empty.seal(new IdSlabs());
        assertThat(empty.size()).isZero();
    }
}
