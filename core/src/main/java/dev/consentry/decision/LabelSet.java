package dev.consentry.decision;

import dev.consentry.taxonomy.Category;
import java.util.Arrays;
import java.util.List;

/**
 * An item's labels under one policy version: a bit set over category indexes, and the same
 * indexes listed in ascending order for iteration. A {@link Decider} keeps one per distinct set,
 * so the thousands of items that share a lineage shape share one set.
 */
final class LabelSet {
    final long[] bits;
    final int[] members;

    LabelSet(long[] bits) {
        this.bits = bits;
        int count = 0;
        for (long word : bits) {
            count += Long.bitCount(word);
        }
        this.members = new int[count];
        int k = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long word = bits[w]; word != 0; word &= word - 1) {
                members[k++] = w * 64 + Long.numberOfTrailingZeros(word);
            }
        }
    }

    List<Category> categories(List<Category> all) {
        return Arrays.stream(members).mapToObj(all::get).toList();
    }
}
