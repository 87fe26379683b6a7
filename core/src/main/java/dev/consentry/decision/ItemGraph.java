package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Items with their lineage resolved: each item is a node numbered densely from 0 in the order
 * given, parents are node numbers, and each node knows whether its lineage can be resolved.
 *
 * <p>Design: the items stay in the {@link ItemBatch}es a reader filled in parallel (copying them
 * into one set of columns would double a build's memory for a moment); a node is a batch and a
 * row in it, found through one table. Lineage is resolved once, when the graph is built, into
 * one compressed array of parent node numbers, so no decision ever looks an id up: parents a
 * batch resolved among its own items are renumbered, the rest are looked up in an index over
 * every id. When every parent precedes its child, as in a file written parents first, node order
 * is already a topological order; otherwise Kahn's algorithm yields one (parents before
 * children) of every node whose ancestry is finite and acyclic, and a node it never reaches sits
 * on or below a cycle. A node is <em>broken</em> when a parent anywhere in its lineage is unknown
 * or its lineage has a cycle; the engine denies it (fail closed). Parents may be listed after
 * their children.
 */
public final class ItemGraph {
    static final int UNKNOWN = -1;

    private final int size;
    private final Names names;
    private final ItemBatch[] batches;
    /** The node number of each batch's first row. */
    private final int[] batchStart;
    /**
     * The batch of every {@code 2^bucketBits}-th node, from which a node's batch is a step or two
     * away ({@link #batchIndex}): buckets are no larger than any batch but the last. A batch
     * number for every node was 40 MB of fresh memory at ten million items, read at random by the
     * lineage and Merkle passes; this table stays in cache.
     */
    private final int[] batchOfBucket;
    private final int bucketBits;
    /** Node i's parents are {@code parents[parentStart[i] .. parentStart[i+1])}: node numbers, or {@link #UNKNOWN}. */
    final int[] parentStart;
    final int[] parents;
    /** The ids of the parents no item has, by their position in {@link #parents}. */
    private final Map<Integer, String> unknownParentIds = new HashMap<>();
    private final IdIndex index;
    private final boolean[] broken;
    /** A topological order from Kahn's algorithm; null when node order is one, as it nearly always is. */
    private final int[] order;

    private ItemGraph(List<ItemBatch> given) {
        List<ItemBatch> nonEmpty = new ArrayList<>();
        int n = 0;
        int parentCount = 0;
        for (ItemBatch batch : given) {
            requireNonNull(batch, "batch is null").seal();
            if (batch.size > 0) {
                nonEmpty.add(batch);
                n = Math.addExact(n, batch.size);
                parentCount = Math.addExact(parentCount, batch.parentCount);
            }
        }
        this.size = n;
        this.names = nonEmpty.isEmpty() ? new Names() : nonEmpty.get(0).names;
        for (ItemBatch batch : nonEmpty) {
            if (batch.names != names) {
                // Deciding caches consent per name number, which only one table gives one meaning.
                throw new IllegalArgumentException("the batches of a graph number their names in one Names");
            }
        }
        this.batches = nonEmpty.toArray(new ItemBatch[0]);
        this.batchStart = new int[batches.length + 1];
        int[] parentBase = new int[batches.length];
        int smallest = Integer.MAX_VALUE;
        for (int b = 0; b < batches.length; b++) {
            batchStart[b + 1] = batchStart[b] + batches[b].size;
            parentBase[b] = b == 0 ? 0 : parentBase[b - 1] + batches[b - 1].parentCount;
            if (b < batches.length - 1) {
                smallest = Math.min(smallest, batches[b].size);
            }
        }
        this.bucketBits = Math.min(16, 31 - Integer.numberOfLeadingZeros(smallest));
        this.batchOfBucket = new int[(int) ((n + (1L << bucketBits) - 1) >>> bucketBits)];
        for (int k = 0, b = 0; k < batchOfBucket.length; k++) {
            while (k << bucketBits >= batchStart[b + 1]) {
                b++;
            }
            batchOfBucket[k] = b;
        }
        this.index = new IdIndex(this);
        this.parentStart = new int[n + 1];
        this.parents = new int[parentCount];
        IntStream.range(0, batches.length).parallel().forEach(b -> resolve(b, parentBase[b]));
        for (int b = 0; b < batches.length; b++) {
            for (Map.Entry<Integer, String> unresolved : batches[b].unresolvedParentIds.entrySet()) {
                int position = parentBase[b] + unresolved.getKey();
                if (parents[position] == UNKNOWN) {
                    unknownParentIds.put(position, unresolved.getValue());
                }
            }
        }
        this.broken = new boolean[n];
        this.order = parentsFirst() ? null : kahn();
    }

    /** Numbers one batch's parents as nodes: renumbers those it resolved, looks the rest up by id. */
    private void resolve(int b, int parentBase) {
        ItemBatch batch = batches[b];
        int nodeBase = batchStart[b];
        for (int row = 0; row < batch.size; row++) {
            parentStart[nodeBase + row + 1] = parentBase + batch.parentEnd(row);
        }
        for (int k = 0; k < batch.parentCount; k++) {
            int local = batch.parents[k];
            parents[parentBase + k] = local == ItemBatch.UNRESOLVED
                    ? index.find(batch.unresolvedParentIds.get(k))
                    : nodeBase + local;
        }
    }

    /** True when every known parent precedes its child; marks nodes below an unknown parent broken on the way. */
    private boolean parentsFirst() {
        for (int node = 0; node < size; node++) {
            for (int k = parentStart[node]; k < parentStart[node + 1]; k++) {
                int p = parents[k];
                if (p == UNKNOWN) {
                    broken[node] = true;
                } else if (p >= node) {
                    Arrays.fill(broken, false);
                    return false;
                } else {
                    broken[node] |= broken[p];
                }
            }
        }
        return true;
    }

    private int[] kahn() {
        int n = size;
        int[] childCount = new int[n];
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = parentStart[i]; k < parentStart[i + 1]; k++) {
                int p = parents[k];
                if (p == UNKNOWN) {
                    broken[i] = true;
                } else {
                    childCount[p]++;
                    pending[i]++;
                }
            }
        }
        // Children in compressed rows: the children of p are childList[childStart[p] .. childStart[p+1]).
        int[] childStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            childStart[i + 1] = childStart[i] + childCount[i];
        }
        int[] childList = new int[childStart[n]];
        int[] fill = Arrays.copyOf(childStart, n);
        for (int i = 0; i < n; i++) {
            for (int k = parentStart[i]; k < parentStart[i + 1]; k++) {
                int p = parents[k];
                if (p != UNKNOWN) {
                    childList[fill[p]++] = i;
                }
            }
        }
        int[] topo = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                topo[tail++] = i;
            }
        }
        while (head < tail) {
            int p = topo[head++];
            for (int c = childStart[p]; c < childStart[p + 1]; c++) {
                int child = childList[c];
                broken[child] |= broken[p];
                if (--pending[child] == 0) {
                    topo[tail++] = child;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (pending[i] > 0) {
                broken[i] = true;
            }
        }
        return Arrays.copyOf(topo, tail);
    }

    /** The names every batch of the graph numbers its names in. */
    Names names() {
        return names;
    }

    /** Builds the graph of some items; ids must be unique. */
    public static ItemGraph of(Collection<Item> items) {
        ItemBatch batch = new ItemBatch(new Names(), items.size());
        items.forEach(batch::add);
        return of(List.of(batch));
    }

    /**
     * Joins batches, in order, into one graph; ids must be unique across all of them, and the
     * batches share one {@link Names}. The batches take no more items: the graph reads them from
     * then on.
     */
    public static ItemGraph of(List<ItemBatch> batches) {
        return new ItemGraph(batches);
    }

    /** Two items share an id: the node numbers of the first and second, in the order given. */
    public static final class DuplicateIdException extends IllegalArgumentException {
        private final int first;
        private final int second;
        private final String id;

        DuplicateIdException(int first, int second, String id) {
            super("item id '" + id + "' appears twice");
            this.first = first;
            this.second = second;
            this.id = id;
        }

        public String id() {
            return id;
        }

        public int first() {
            return first;
        }

        public int second() {
            return second;
        }
    }

    public int size() {
        return size;
    }

    /** The batch that holds a node; its row there is {@code node - batchStart(batch)}. */
    ItemBatch batch(int node) {
        return batches[batchIndex(node)];
    }

    int row(int node) {
        return node - batchStart[batchIndex(node)];
    }

    /** The number of the batch that holds a node; accessors of one field find it once, not once for the batch and again for the row. */
    private int batchIndex(int node) {
        int b = batchOfBucket[node >>> bucketBits];
        while (node >= batchStart[b + 1]) {
            b++;
        }
        return b;
    }

    public String id(int node) {
        ItemBatch b = batch(node);
        int row = row(node);
        int from = b.idFrom(row);
        return new String(b.ids, from, b.idEnd(row) - from, StandardCharsets.UTF_8);
    }

    /**
     * The node's id in UTF-8 is {@code idBytes(node)[idStart(node) .. idEnd(node))}; callers
     * must not write to the array.
     */
    public byte[] idBytes(int node) {
        return batch(node).ids;
    }

    public int idStart(int node) {
        int b = batchIndex(node);
        return batches[b].idFrom(node - batchStart[b]);
    }

    public int idEnd(int node) {
        int b = batchIndex(node);
        return batches[b].idEnd(node - batchStart[b]);
    }

    int idHash(int node) {
        int b = batchIndex(node);
        return batches[b].idHash(node - batchStart[b]);
    }

    public Category category(int node) {
        ItemBatch b = batch(node);
        return b.category(row(node));
    }

    /** The item of a node, as a value. */
    public Item item(int node) {
        return batch(node).item(row(node));
    }

    public OptionalInt node(String id) {
        int node = index.find(id);
        return node == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(node);
    }

    /** The id of an unknown parent, by its position in {@link #parents}. */
    String unknownParentId(int position) {
        return unknownParentIds.get(position);
    }

    /** True when a parent anywhere in the node's lineage is unknown or the lineage has a cycle. */
    public boolean lineageBroken(int node) {
        return broken[node];
    }

    /** How many nodes have an acyclic lineage: the length of the topological order (the rest are broken by a cycle). */
    int orderedSize() {
        return order == null ? size : order.length;
    }

    /** The {@code i}th node of the topological order, parents before children. */
    int ordered(int i) {
        return order == null ? i : order[i];
    }

    /** The known ancestors of a node, nearest first (breadth-first), each once. */
    public int[] ancestors(int node) {
        boolean[] seen = new boolean[size];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(node);
        seen[node] = true;
        int[] out = new int[8];
        int count = 0;
        while (!queue.isEmpty()) {
            int next = queue.poll();
            for (int k = parentStart[next]; k < parentStart[next + 1]; k++) {
                int p = parents[k];
                if (p != UNKNOWN && !seen[p]) {
                    seen[p] = true;
                    queue.add(p);
                    if (count == out.length) {
                        out = Arrays.copyOf(out, count * 2);
                    }
                    out[count++] = p;
                }
            }
        }
        return Arrays.copyOf(out, count);
    }
}
