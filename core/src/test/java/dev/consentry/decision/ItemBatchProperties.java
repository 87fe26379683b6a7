package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.item.Item;
import dev.consentry.testing.Worlds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A batch holds each distinct subject list once and gives every row back the list it was added with. */
class ItemBatchProperties {
    private static final List<String> PEOPLE = List.of("ana", "bo", "cy", "di", "ed", "flo");

    @Property
    void every_row_keeps_its_subjects_and_equal_lists_are_held_once(
            @ForAll @Size(max = 600) List<@Size(max = 4) List<@IntRange(min = 0, max = 5) Integer>> lists) {
        ItemBatch batch = new ItemBatch(new Names(), 4);
        List<List<String>> subjects = lists.stream().map(l -> l.stream().map(PEOPLE::get).toList()).toList();
        for (int row = 0; row < subjects.size(); row++) {
            batch.add(new Item("item-" + row, "acme", Optional.empty(), Optional.of("m"),
                    Worlds.TAXONOMY.categories().get(0), Instant.EPOCH, subjects.get(row), List.of(), Set.of()));
        }
        for (int row = 0; row < subjects.size(); row++) {
            assertThat(batch.item(row).subjects()).isEqualTo(subjects.get(row));
            for (int other = 0; other < row; other++) {
                assertThat(batch.subjectListOf(row) == batch.subjectListOf(other))
                        .isEqualTo(subjects.get(row).equals(subjects.get(other)));
            }
        }
    }
}
