package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.item.Item;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * Items with their lineage resolved: each item is a node numbered densely from 0 in the order
 * given, parents are node numbers, and each node knows whether its lineage can be resolved.
 *
 * <p>Design: lineage is resolved once, when the graph is built, so no decision ever looks an id
 * up. Kahn's algorithm yields a topological order (parents before children) of every node whose
 * ancestry is finite and acyclic; a node it never reaches sits on or below a cycle. A node is
 * <em>broken</em> when a parent anywhere in its lineage is unknown or its lineage has a cycle;
 * the engine denies it (fail closed). Parents may be listed after their children.
 */
public final class ItemGraph {
    static final int UNKNOWN = -1;
    private static final int[] NO_PARENTS = new int[0];

    private final Item[] items;
    private final IdIndex nodes;
    private final int[][] parents;
    private final boolean[] broken;
    private final int[] order;

    private ItemGraph(Item[] items) {
        this.items = items;
        this.nodes = new IdIndex(items);
        int n = items.length;
        this.parents = new int[n][];
        int[] childCount = new int[n];
        int[] pending = new int[n];
        this.broken = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<String> ids = items[i].parents();
            int[] resolved = ids.isEmpty() ? NO_PARENTS : new int[ids.size()];
            for (int k = 0; k < resolved.length; k++) {
                int p = nodes.find(ids.get(k));
                resolved[k] = p;
                if (p == UNKNOWN) {
                    broken[i] = true;
                } else {
                    childCount[p]++;
                    pending[i]++;
                }
            }
            parents[i] = resolved;
        }
        // Children in compressed rows: the children of p are childList[childStart[p] .. childStart[p+1]).
        int[] childStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            childStart[i + 1] = childStart[i] + childCount[i];
        }
        int[] childList = new int[childStart[n]];
        int[] fill = Arrays.copyOf(childStart, n);
        for (int i = 0; i < n; i++) {
            for (int p : parents[i]) {
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
        this.order = Arrays.copyOf(topo, tail);
    }

    /** Builds the graph; ids must be unique. */
    public static ItemGraph of(Collection<Item> items) {
        Item[] array = items.toArray(new Item[0]);
        for (Item item : array) {
            requireNonNull(item, "item is null");
        }
        return new ItemGraph(array);
    }

    /** Two items share an id: the positions of the first and second in the collection given. */
    public static final class DuplicateIdException extends IllegalArgumentException {
        private final int first;
        private final int second;

        DuplicateIdException(int first, int second, String id) {
            super("item id '" + id + "' appears twice");
            this.first = first;
            this.second = second;
        }

        public int first() {
            return first;
        }

        public int second() {
            return second;
        }
    }

    public int size() {
        return items.length;
    }

    public Item item(int node) {
        return items[node];
    }

    public OptionalInt node(String id) {
        int node = nodes.find(id);
        return node == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(node);
    }

    /** Parents of a node as node numbers; {@code -1} stands for a parent id no item has. */
    int[] parents(int node) {
        return parents[node];
    }

    /** True when a parent anywhere in the node's lineage is unknown or the lineage has a cycle. */
    public boolean lineageBroken(int node) {
        return broken[node];
    }

    /** Nodes whose lineage is acyclic, parents before children (the rest are broken by a cycle). */
    int[] topologicalOrder() {
        return order;
    }

    /** The known ancestors of a node, nearest first (breadth-first), each once. */
    public int[] ancestors(int node) {
        boolean[] seen = new boolean[items.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(node);
        seen[node] = true;
        int[] out = new int[8];
        int count = 0;
        while (!queue.isEmpty()) {
            for (int p : parents[queue.poll()]) {
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
