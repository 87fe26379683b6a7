package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Transform;
import dev.consentry.time.Instants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Items stored column by column, appended by one thread: the unit a parallel reader fills and
 * {@link ItemGraph} joins, in order, into one graph.
 *
 * <p>Design: a build holds every item at once (a parent may come anywhere in the file), so the
 * representation decides how much memory and garbage-collection time a build costs. As records,
 * an item is five or six objects and about 220 bytes, and at ten million items the collector
 * spent a fifth of the run copying them (docs/benchmarks.md). Here an item is a row across
 * primitive arrays: its id as UTF-8 bytes in one arena, its creation time as epoch nanoseconds,
 * and numbers into the batch's tables of the names, categories, subject lists and transform sets
 * it uses, which repeat across thousands of items. The collector never looks inside a primitive
 * array, and no object is allocated per item once the arrays have grown.
 *
 * <p>A parent is usually a few lines above its child, so each batch resolves parents among its
 * own earlier items as they are added (a small hash table that stays in cache); only the rest keep
 * their id, for the graph to resolve against every batch.
 */
public final class ItemBatch {
    /** A parent not found among the batch's earlier items; the graph resolves it by id. */
    static final int UNRESOLVED = -1;
    /** No owner, or no meeting. */
    static final int NONE = -1;

    int size;
    byte[] ids;
    int idBytes;
    /** Row i's id is {@code ids[idEnd[i-1] .. idEnd[i])} (from 0 for the first row). */
    int[] idEnd;
    int[] idHash;
    int[] accounts;
    int[] users;
    int[] meetings;
    int[] categories;
    long[] created;
    int[] subjects;
    int[] transforms;
    /** Row i's parents are {@code parents[parentEnd[i-1] .. parentEnd[i])}: a row of this batch, or {@link #UNRESOLVED}. */
    int[] parentEnd;
    int[] parents;
    int parentCount;
    /** The ids of unresolved parents, by their position in {@link #parents}. */
    final Map<Integer, String> unresolvedParentIds = new HashMap<>();

    final Table<String> names = new Table<>();
    final Table<Category> categoryTable = new Table<>();
    final Table<List<String>> subjectLists = new Table<>();
    final Table<Set<Transform>> transformSets = new Table<>();
    /** The names again, as the {@link Optional}s an owner and a meeting are asked about in. */
    final List<Optional<String>> optionalNames = new ArrayList<>();

    private long[] local = new long[64];
    private int localMask = 63;

    public ItemBatch() {
        this(16);
    }

    /** A batch with room for about {@code expected} items before its arrays grow. */
    public ItemBatch(int expected) {
        int rows = Math.max(1, expected);
        ids = new byte[rows * 24];
        idEnd = new int[rows];
        idHash = new int[rows];
        accounts = new int[rows];
        users = new int[rows];
        meetings = new int[rows];
        categories = new int[rows];
        created = new long[rows];
        subjects = new int[rows];
        transforms = new int[rows];
        parentEnd = new int[rows];
        parents = new int[rows];
    }

    /**
     * Appends an item; an id that repeats an earlier id of any batch is reported when the graph
     * is built. A batch a graph holds takes no more items.
     */
    public void add(Item item) {
        requireNonNull(item, "item is null");
        if (local == null) {
            throw new IllegalStateException("a batch is read-only once a graph holds it");
        }
        if (size == idEnd.length) {
            grow();
        }
        int row = size;
        appendId(item.id());
        int hash = hash(ids, row == 0 ? 0 : idEnd[row - 1], idBytes);
        idEnd[row] = idBytes;
        idHash[row] = hash;
        accounts[row] = name(item.account());
        users[row] = item.user().isPresent() ? name(item.user().get()) : NONE;
        meetings[row] = item.meeting().isPresent() ? name(item.meeting().get()) : NONE;
        categories[row] = categoryTable.id(item.category());
        created[row] = Instants.nanos(item.created());
        subjects[row] = subjectLists.id(item.subjects());
        transforms[row] = transformSets.id(item.transforms());
        for (String parent : item.parents()) {
            if (parentCount == parents.length) {
                parents = Arrays.copyOf(parents, parentCount * 2);
            }
            int found = findLocal(parent);
            if (found == UNRESOLVED) {
                unresolvedParentIds.put(parentCount, parent);
            }
            parents[parentCount++] = found;
        }
        parentEnd[row] = parentCount;
        size++;
        indexLocal(row, hash);
    }

    public int size() {
        return size;
    }

    int idFrom(int row) {
        return row == 0 ? 0 : idEnd[row - 1];
    }

    Item item(int row, List<String> parentIds) {
        return new Item(new String(ids, idFrom(row), idEnd[row] - idFrom(row), StandardCharsets.UTF_8),
                names.get(accounts[row]), optional(users[row]), optional(meetings[row]),
                categoryTable.get(categories[row]), Instants.instant(created[row]), subjectLists.get(subjects[row]),
                parentIds, transformSets.get(transforms[row]));
    }

    Optional<String> optional(int name) {
        return name == NONE ? Optional.empty() : optionalNames.get(name);
    }

    private int name(String s) {
        int id = names.id(s);
        if (id == optionalNames.size()) {
            optionalNames.add(Optional.of(s));
        }
        return id;
    }

    /** The id's hash as every batch and the graph compute it: over its UTF-8 bytes. */
    static int hash(byte[] bytes, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    /** Mixes high bits into low ones, which pick the slot: ids that differ only in a suffix hash close together. */
    static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }

    private void appendId(String id) {
        int length = id.length();
        ensureIdCapacity(length);
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                // Rare: ids are mostly ASCII, which is its own UTF-8.
                byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
                ensureIdCapacity(utf8.length);
                System.arraycopy(utf8, 0, ids, idBytes, utf8.length);
                idBytes += utf8.length;
                return;
            }
            ids[idBytes + i] = (byte) c;
        }
        idBytes += length;
    }

    private void ensureIdCapacity(int more) {
        if (idBytes + more > ids.length) {
            long wanted = Math.max((long) ids.length * 2, (long) idBytes + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a batch holds at most 2 GiB of item ids");
            }
            ids = Arrays.copyOf(ids, (int) wanted);
        }
    }

    private int findLocal(String parent) {
        if (size == 0) {
            return UNRESOLVED;
        }
        byte[] key = parent.getBytes(StandardCharsets.UTF_8);
        int hash = hash(key, 0, key.length);
        for (int slot = spread(hash) & localMask; ; slot = (slot + 1) & localMask) {
            long entry = local[slot];
            if (entry == 0) {
                return UNRESOLVED;
            }
            int row = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && Arrays.equals(ids, idFrom(row), idEnd[row], key, 0, key.length)) {
                return row;
            }
        }
    }

    /** Keeps the first row of an id: a later one is a duplicate, which the graph reports. */
    private void indexLocal(int row, int hash) {
        if (size * 2 > localMask) {
            rehashLocal();
        }
        int slot = spread(hash) & localMask;
        while (local[slot] != 0) {
            slot = (slot + 1) & localMask;
        }
        local[slot] = (long) hash << 32 | (row + 1);
    }

    private void rehashLocal() {
        long[] old = local;
        local = new long[old.length * 2];
        localMask = local.length - 1;
        for (long entry : old) {
            if (entry != 0) {
                int slot = spread((int) (entry >>> 32)) & localMask;
                while (local[slot] != 0) {
                    slot = (slot + 1) & localMask;
                }
                local[slot] = entry;
            }
        }
    }

    /**
     * Ends adding: a graph that holds the batch reads it from then on, and may share it with
     * other graphs. Drops the table that resolves parents locally and trims the arrays.
     */
    void seal() {
        if (local == null) {
            return;
        }
        local = null;
        names.seal();
        categoryTable.seal();
        subjectLists.seal();
        transformSets.seal();
        if (ids.length - idBytes > ids.length / 8) {
            ids = Arrays.copyOf(ids, idBytes);
        }
        if (idEnd.length - size > idEnd.length / 8) {
            resize(size);
        }
        if (parents.length - parentCount > parents.length / 8) {
            parents = Arrays.copyOf(parents, parentCount);
        }
    }

    private void grow() {
        resize(size * 2);
    }

    private void resize(int capacity) {
        idEnd = Arrays.copyOf(idEnd, capacity);
        idHash = Arrays.copyOf(idHash, capacity);
        accounts = Arrays.copyOf(accounts, capacity);
        users = Arrays.copyOf(users, capacity);
        meetings = Arrays.copyOf(meetings, capacity);
        categories = Arrays.copyOf(categories, capacity);
        created = Arrays.copyOf(created, capacity);
        subjects = Arrays.copyOf(subjects, capacity);
        transforms = Arrays.copyOf(transforms, capacity);
        parentEnd = Arrays.copyOf(parentEnd, capacity);
    }

    /** Distinct values numbered densely in the order first seen. */
    static final class Table<T> {
        private Map<T, Integer> ids = new HashMap<>();
        private final List<T> values = new ArrayList<>();
        private T last;
        private int lastId = -1;

        int id(T value) {
            // Consecutive items mostly share a value (one meeting's items, one account's).
            if (value == last) {
                return lastId;
            }
            Integer known = ids.get(value);
            int id;
            if (known == null) {
                id = values.size();
                ids.put(value, id);
                values.add(value);
            } else {
                id = known;
            }
            last = value;
            lastId = id;
            return id;
        }

        T get(int id) {
            return values.get(id);
        }

        /** Ends numbering; the values stay. A build holds hundreds of batches, so their lookup maps add up. */
        void seal() {
            ids = null;
            last = null;
        }
    }
}
