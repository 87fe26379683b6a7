package dev.consentry.decision;

import dev.consentry.hash.KeyHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Item ids to node numbers, for resolving lineage.
 *
 * <p>Design: open-addressing tables, probed linearly, over the ids the graph's batches hold. Each slot is one
 * {@code long}: the id's hash in the high half and the node number plus one in the low half (0
 * marks an empty slot). A probe compares hashes inside the table and reads the id's bytes only on
 * a match: at ten million items every table access is a cache miss, and following a second
 * pointer on every probe made lineage resolution a fifth of a build's CPU. The ids are split by
 * the top bits of their hash into one table per core, each filled by its own thread scanning the
 * nodes in order, so the tables are built in parallel without locks and the first duplicate
 * found is the same whatever the thread count: the earliest second occurrence of any id.
 * A table costs 8 bytes a slot at a load factor of at most 3/4.
 */
final class IdIndex {
    static final int ABSENT = -1;

    private final ItemGraph graph;
    private final int partitionBits;
    private final long[][] tables;

    /** Indexes every node of the graph; throws for the earliest node whose id an earlier node has. */
    IdIndex(ItemGraph graph) {
        this.graph = graph;
        int n = graph.size();
        int[] hashes = new int[n];
        Arrays.setAll(hashes, graph::idHash);
        int cores = Runtime.getRuntime().availableProcessors();
        this.partitionBits = n < 1 << 16 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.max(1, cores) - 1);
        int partitions = 1 << partitionBits;
        int[] counts = new int[partitions];
        for (int h : hashes) {
            counts[partition(ItemBatch.spread(h))]++;
        }
        this.tables = new long[partitions][];
        for (int p = 0; p < partitions; p++) {
            tables[p] = new long[Integer.highestOneBit(Math.max(4, counts[p] * 4 / 3 + 1) * 2 - 1)];
        }
        int[][] duplicates = IntStream.range(0, partitions).parallel()
                .mapToObj(p -> fill(p, hashes)).toArray(int[][]::new);
        int[] first = null;
        for (int[] d : duplicates) {
            if (d != null && (first == null || d[1] < first[1])) {
                first = d;
            }
        }
        if (first != null) {
            throw new ItemGraph.DuplicateIdException(first[0], first[1], graph.id(first[1]));
        }
    }

    /** Inserts the nodes of one partition in node order; the first (earlier, later) pair sharing an id, or null. */
    private int[] fill(int partition, int[] hashes) {
        long[] table = tables[partition];
        int mask = table.length - 1;
        for (int node = 0; node < hashes.length; node++) {
            int spread = ItemBatch.spread(hashes[node]);
            if (partition(spread) != partition) {
                continue;
            }
            int slot = spread & mask;
            for (long entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
                if ((int) (entry >>> 32) == hashes[node] && sameId((int) entry - 1, node)) {
                    return new int[] {(int) entry - 1, node};
                }
            }
            table[slot] = (long) hashes[node] << 32 | (node + 1);
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
        long[] table = tables[partition(spread)];
        int mask = table.length - 1;
        for (int slot = spread & mask; ; slot = (slot + 1) & mask) {
            long entry = table[slot];
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
