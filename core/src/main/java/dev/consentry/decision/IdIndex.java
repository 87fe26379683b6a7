package dev.consentry.decision;

import dev.consentry.hash.KeyHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Item ids to node numbers, for resolving lineage.
 *
 * <p>Design: the ids are split by the top bits of their hash into partitions of about
 * {@value #PARTITION} ids, and each partition gets an open-addressing table of its own, probed
 * linearly, all tables one after another in one array. Each slot is one {@code long}: the id's
 * hash in the high half and the node number plus one in the low half (0 marks an empty slot). A
 * probe compares hashes inside the table and reads the id's bytes only on a match, since
 * following a second pointer on every probe made lineage resolution a fifth of a build's CPU.
 *
 * <p>The index is built as a radix-partitioned hash table: one pass puts each node's slot value
 * at the front of its partition's table, in node order, then the partitions are hashed in place
 * on all cores, each small enough to stay in cache while it fills. Filling one table per core
 * straight from the nodes missed the cache on nearly every insert at ten million items
 * (docs/benchmarks.md, seventh round). Each partition is filled in node order, so the first
 * duplicate is the same whatever the thread count: the earliest second occurrence of any id. A
 * table costs 8 bytes a slot at a load factor of at most 3/4.
 */
final class IdIndex {
    static final int ABSENT = -1;
    /** About how many ids a partition holds: its table, 8 bytes a slot, then fits in a core's cache. */
    private static final int PARTITION = 1 << 14;

    private final ItemGraph graph;
    private final int partitionBits;
    /** Where each partition's table starts in {@link #slots}; the last entry is the array's length. */
    private final int[] tableStart;
    private final long[] slots;

    /** Indexes every node of the graph; throws for the earliest node whose id an earlier node has. */
    IdIndex(ItemGraph graph) {
        this.graph = graph;
        int n = graph.size();
        this.partitionBits = Math.min(12, 32 - Integer.numberOfLeadingZeros(Math.max(0, n / PARTITION - 1)));
        int partitions = 1 << partitionBits;
        int[] counts = new int[partitions];
        for (int node = 0; node < n; node++) {
            counts[partition(ItemBatch.spread(graph.idHash(node)))]++;
        }
        this.tableStart = new int[partitions + 1];
        for (int p = 0; p < partitions; p++) {
            tableStart[p + 1] = Math.addExact(tableStart[p], Integer.highestOneBit(Math.max(4, counts[p] * 4 / 3 + 1) * 2 - 1));
        }
        this.slots = new long[tableStart[partitions]];
        int[] next = Arrays.copyOf(tableStart, partitions);
        for (int node = 0; node < n; node++) {
            int hash = graph.idHash(node);
            slots[next[partition(ItemBatch.spread(hash))]++] = (long) hash << 32 | (node + 1);
        }
        // Partitions are filled in runs, each through one scratch array rather than one a partition, and enough runs
        // for the cores to share the work evenly.
        int largest = Arrays.stream(counts).max().orElse(0);
        int runs = Math.min(partitions, 64);
        int[][] repeats = new int[partitions][];
        IntStream.range(0, runs).parallel().forEach(run -> {
            long[] scratch = new long[largest];
            for (int p = run * partitions / runs; p < (run + 1) * partitions / runs; p++) {
                repeats[p] = fill(p, counts[p], scratch);
            }
        });
        int[] first = null;
        for (int[] repeat : repeats) {
            if (repeat != null && (first == null || repeat[1] < first[1])) {
                first = repeat;
            }
        }
        if (first != null) {
            throw new ItemGraph.DuplicateIdException(first[0], first[1], graph.id(first[1]));
        }
    }

    /**
     * Hashes partition {@code p}'s {@code count} values, which stand at the front of its table in
     * node order, into the table, through {@code scratch}; the first (earlier, later) pair sharing
     * an id, or null.
     */
    private int[] fill(int p, int count, long[] scratch) {
        int base = tableStart[p];
        int mask = tableStart[p + 1] - base - 1;
        System.arraycopy(slots, base, scratch, 0, count);
        Arrays.fill(slots, base, base + count, 0);
        for (int e = 0; e < count; e++) {
            long value = scratch[e];
            int hash = (int) (value >>> 32);
            int node = (int) value - 1;
            int slot = ItemBatch.spread(hash) & mask;
            for (long entry; (entry = slots[base + slot]) != 0; slot = (slot + 1) & mask) {
                if ((int) (entry >>> 32) == hash && sameId((int) entry - 1, node)) {
                    return new int[] {(int) entry - 1, node};
                }
            }
            slots[base + slot] = value;
        }
        return null;
    }

    private int partition(int spread) {
        return partitionBits == 0 ? 0 : spread >>> (32 - partitionBits);
    }

    private boolean sameId(int a, int b) {
        return Arrays.equals(graph.idBytes(a), graph.idStart(a), graph.idEnd(a), graph.idBytes(b), graph.idStart(b), graph.idEnd(b));
    }

    /** The node whose id is {@code key[from .. to)}, or {@link #ABSENT}. */
    int find(byte[] key, int from, int to) {
        int hash = KeyHash.of(key, from, to);
        int spread = ItemBatch.spread(hash);
        int p = partition(spread);
        int base = tableStart[p];
        int mask = tableStart[p + 1] - base - 1;
        for (int slot = spread & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[base + slot];
            if (entry == 0) {
                return ABSENT;
            }
            int node = (int) entry - 1;
            if ((int) (entry >>> 32) == hash
                    && Arrays.equals(graph.idBytes(node), graph.idStart(node), graph.idEnd(node), key, from, to)) {
                return node;
            }
        }
    }

    int find(String id) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        return find(key, 0, key.length);
    }
}
