package dev.consentry.decision;

import dev.consentry.item.Item;

/**
 * Item ids to node numbers, for resolving lineage.
 *
 * <p>Design: an open-addressing table, probed linearly, whose keys are the ids the items already
 * hold. Each slot is one {@code long}: the id's hash in the high half and the node number plus
 * one in the low half (0 marks an empty slot). A probe compares hashes inside the table and
 * follows item, string and bytes only on a match: at ten million items those three dependent
 * reads are cache misses, and comparing them on every probe made lineage resolution 18% of a
 * build's CPU. The table costs 8 bytes a slot at a load factor between 3/8 and 3/4, against about
 * 56 bytes per entry for a {@code HashMap<String, Integer>} (over 400 MB of heap at ten million).
 */
final class IdIndex {
    private static final int ABSENT = -1;

    private final Item[] items;
    private final long[] slots;
    private final int mask;

    /** Indexes the items; throws for the first id seen twice. */
    IdIndex(Item[] items) {
        this.items = items;
        int capacity = Integer.highestOneBit(Math.max(4, items.length * 4 / 3) * 2 - 1);
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        for (int node = 0; node < items.length; node++) {
            String id = items[node].id();
            int hash = spread(id.hashCode());
            int slot = hash & mask;
            for (long entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
                if ((int) (entry >>> 32) == hash && items[(int) entry - 1].id().equals(id)) {
                    throw new ItemGraph.DuplicateIdException((int) entry - 1, node, id);
                }
            }
            slots[slot] = (long) hash << 32 | (node + 1);
        }
    }

    /** The node with this id, or -1. */
    int find(String id) {
        int hash = spread(id.hashCode());
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return ABSENT;
            }
            if ((int) (entry >>> 32) == hash && items[(int) entry - 1].id().equals(id)) {
                return (int) entry - 1;
            }
        }
    }

    /** Mixes high bits into low ones, which pick the slot: ids that differ only in a suffix hash close together. */
    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }
}
