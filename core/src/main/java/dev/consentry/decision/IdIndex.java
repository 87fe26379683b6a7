package dev.consentry.decision;

import dev.consentry.item.Item;
import java.util.Arrays;

/**
 * Item ids to node numbers, for resolving lineage.
 *
 * <p>Design: an open-addressing table of node numbers, probed linearly, whose keys are the ids
 * the items already hold, so the index adds one {@code int} per slot and nothing per item. A
 * {@code HashMap<String, Integer>} costs about 56 bytes per entry (node, boxed value, table slot);
 * at the 10 million items a build must hold on one machine that difference is over 400 MB of
 * heap. The table is sized to a load factor between 3/8 and 3/4, where linear probes stay short.
 */
final class IdIndex {
    private static final int EMPTY = -1;

    private final Item[] items;
    private final int[] slots;
    private final int mask;

    /** Indexes the items; returns normally, or throws for the first id seen twice. */
    IdIndex(Item[] items) {
        this.items = items;
        int capacity = Integer.highestOneBit(Math.max(4, items.length * 4 / 3) * 2 - 1);
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        Arrays.fill(slots, EMPTY);
        for (int node = 0; node < items.length; node++) {
            String id = items[node].id();
            int slot = spread(id.hashCode()) & mask;
            while (slots[slot] != EMPTY) {
                if (items[slots[slot]].id().equals(id)) {
                    throw new ItemGraph.DuplicateIdException(slots[slot], node, id);
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = node;
        }
    }

    /** The node with this id, or -1. */
    int find(String id) {
        int slot = spread(id.hashCode()) & mask;
        for (int node; (node = slots[slot]) != EMPTY; slot = (slot + 1) & mask) {
            if (items[node].id().equals(id)) {
                return node;
            }
        }
        return EMPTY;
    }

    /** Mixes high bits into low ones: string hashes of similar ids differ mostly in low bits already, but not always. */
    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }
}
