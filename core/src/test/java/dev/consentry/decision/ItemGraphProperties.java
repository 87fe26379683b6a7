package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.item.Item;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.testing.World;
import dev.consentry.testing.Worlds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A graph joined from batches, as a parallel reader fills them, is the graph of the same items in one batch. */
@PropertyDefaults(edgeCases = EdgeCasesMode.NONE)
class ItemGraphProperties {
    @Provide
    Arbitrary<World> worlds() {
        return Worlds.worlds();
    }

    @Property
    void splitting_the_items_into_batches_changes_no_node_and_no_decision(@ForAll("worlds") World world,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 8) Integer> cuts) {
        ItemGraph whole = ItemGraph.of(world.items());
        ItemGraph split = ItemGraph.of(batches(world.items(), cuts));
        assertThat(split.size()).isEqualTo(whole.size());
        Decider wholeDecider = new DecisionEngine(world.bundle(), world.state()).over(whole);
        Decider splitDecider = new DecisionEngine(world.bundle(), world.state()).over(split);
        for (int node = 0; node < whole.size(); node++) {
            Item item = world.items().get(node);
            assertThat(split.item(node)).isEqualTo(item);
            assertThat(whole.item(node)).isEqualTo(item);
            assertThat(split.node(item.id())).hasValue(node);
            assertThat(split.lineageBroken(node)).isEqualTo(whole.lineageBroken(node));
            assertThat(split.ancestors(node)).containsExactly(whole.ancestors(node));
            for (Purpose purpose : Worlds.TAXONOMY.purposes()) {
                for (Instant t : List.of(Worlds.hour(0), Worlds.hour(12), Worlds.hour(Worlds.HOURS))) {
                    assertThat(splitDecider.decide(node, purpose, t)).isEqualTo(wholeDecider.decide(node, purpose, t));
                }
            }
        }
    }

    @Property
    void the_earliest_repeated_id_is_reported_with_its_first_occurrence(@ForAll("worlds") World world,
            @ForAll @IntRange(min = 0, max = 7) int copied, @ForAll @IntRange(min = 0, max = 8) int at,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 9) Integer> cuts) {
        List<Item> items = new ArrayList<>(world.items());
        if (items.isEmpty()) {
            return;
        }
        Item copy = items.get(copied % items.size());
        int position = Math.min(at, items.size());
        items.add(position, copy);
        int first = -1;
        int second = -1;
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < items.size() && second < 0; i++) {
            if (!seen.add(items.get(i).id())) {
                second = i;
                for (int j = 0; j < i; j++) {
                    if (items.get(j).id().equals(items.get(i).id())) {
                        first = j;
                        break;
                    }
                }
            }
        }
        int expectedFirst = first;
        int expectedSecond = second;
        assertThatThrownBy(() -> ItemGraph.of(batches(items, cuts))).isInstanceOfSatisfying(ItemGraph.DuplicateIdException.class, e -> {
            assertThat(e.first()).isEqualTo(expectedFirst);
            assertThat(e.second()).isEqualTo(expectedSecond);
        });
    }

    /** The items cut into consecutive batches at the given positions (some batches may be empty). */
    @Property(tries = 20)
    void batches_that_number_names_apart_are_refused(@ForAll("worlds") World world) {
        if (world.items().size() < 2) {
            return;
        }
        List<ItemBatch> apart = List.of(batch(new Names(), world.items().subList(0, 1)),
                batch(new Names(), world.items().subList(1, world.items().size())));
        assertThatThrownBy(() -> ItemGraph.of(apart)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one Names");
    }

    private static List<ItemBatch> batches(List<Item> items, List<Integer> cuts) {
        List<Integer> sorted = cuts.stream().map(c -> Math.min(c, items.size())).sorted().toList();
        List<ItemBatch> batches = new ArrayList<>();
        Names names = new Names();
        int from = 0;
        for (int cut : sorted) {
            batches.add(batch(names, items.subList(from, Math.max(from, cut))));
            from = Math.max(from, cut);
        }
        batches.add(batch(names, items.subList(from, items.size())));
        return batches;
    }

    private static ItemBatch batch(Names names, List<Item> items) {
        ItemBatch batch = new ItemBatch(names, items.size());
        items.forEach(batch::add);
        return batch;
    }
}
