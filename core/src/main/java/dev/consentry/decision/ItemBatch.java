package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.hash.KeyHash;
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
 * its names as numbers in the {@link Names} the graph's batches share, its category as its
 * taxonomy index, and numbers into the batch's subject lists and transform sets, which repeat
 * across thousands of items. Subject lists are held in columns too: as a table of objects, with a
 * map to number them, they were a third of the objects a build keeps and the collector marks
 * again and again. The collector never looks inside a primitive array, and no object is allocated
 * per item once the arrays have grown.
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

    final Names names;
    int size;
    byte[] ids;
    /** Where the batch's ids start in {@link #ids}: 0 until they are moved into a shared slab ({@link #seal(IdSlabs)}). */
    private int idBase;
    int idBytes;
    /**
     * The int columns, one after another in one array: column c of row r is
     * {@code columns[c * capacity + r]}, read through {@link #idEnd}, {@link #accountName} and the
     * like; a creation time is two of them. As separate arrays each was a fraction of a G1 region,
     * allocated young and copied by the collector at least once; as one, a 4 MiB block's rows fill
     * over half of the 1 MiB regions the launcher asks for, and G1 allocates such an object
     * straight into the old generation and never copies it (docs/benchmarks.md, fifth and seventh
     * rounds).
     */
    private int[] columns;
    private int capacity;
    /** Row i's id is {@code ids[idFrom(i) .. idEnd(i))}. */
    private static final int ID_END = 0;
    private static final int ID_HASH = 1;
    private static final int ACCOUNT = 2;
    private static final int USER = 3;
    private static final int MEETING = 4;
    /** Row i's category is {@code categoryByIndex[categoryIndex(i)]}: its index in the taxonomy. */
    private static final int CATEGORY = 5;
    /** Row i's subjects are subject list {@code subjectListOf(i)}; see {@link #subjectFrom}. */
    private static final int SUBJECTS = 6;
    private static final int TRANSFORMS = 7;
    /** Row i's parents are {@code parents[parentEnd(i-1) .. parentEnd(i))}: a row of this batch, or {@link #UNRESOLVED}. */
    private static final int PARENT_END = 8;
    /** Row i's creation time in nanoseconds since the epoch: the high half, then the low half. */
    private static final int CREATED_HIGH = 9;
    private static final int CREATED_LOW = 10;
    private static final int COLUMNS = 11;
    int[] parents;
    int parentCount;
    /** The ids of unresolved parents, by their position in {@link #parents}. */
    final Map<Integer, String> unresolvedParentIds = new HashMap<>();

    /** The categories rows have, by their taxonomy index; a table of the categories seen cost a hash lookup per row. */
    private Category[] categoryByIndex = new Category[32];
    /** List k's names are {@code subjectNames[subjectListEnd[k-1] .. subjectListEnd[k])} (from 0 for the first list). */
    private int[] subjectNames = new int[256];
    private int[] subjectListEnd = new int[64];
    private int subjectListCount;
    /** Lists by their names, numbered from 1 (0 is an empty slot); only while adding. */
    private int[] subjectListSlots = new int[128];
    final Table<Set<Transform>> transformSets = new Table<>();

    private long[] local;
    private int localMask;
    private Row scratch;

    /** A batch with room for about {@code expected} items before its arrays grow, numbering names in {@code names}. */
    public ItemBatch(Names names, int expected) {
        this.names = requireNonNull(names, "names is null");
        int rows = Math.max(1, expected);
        ids = new byte[rows * 24];
        capacity = rows;
        columns = new int[Math.multiplyExact(COLUMNS, rows)];
        parents = new int[rows];
        // Room for the expected rows at most half full, so a batch read from a block never rehashes.
        local = new long[Integer.highestOneBit(Math.min(rows, 1 << 28) * 4 - 1)];
        localMask = local.length - 1;
    }

    public int size() {
        return size;
    }

    /** The names this batch numbers its names in. */
    public Names names() {
        return names;
    }

    /**
     * Appends an item; an id that repeats an earlier id of any batch is reported when the graph
     * is built. A batch a graph holds takes no more items.
     */
    public void add(Item item) {
        requireNonNull(item, "item is null");
        if (scratch == null) {
            scratch = new Row();
        }
        Row row = scratch.clear();
        row.id(item.id());
        row.account(names.id(item.account()));
        item.user().ifPresent(u -> row.user(names.id(u)));
        item.meeting().ifPresent(m -> row.meeting(names.id(m)));
        row.category(item.category());
        row.created(Instants.nanos(item.created()));
        item.subjects().forEach(s -> row.subject(names.id(s)));
        item.parents().forEach(row::parent);
        row.transforms(item.transforms());
        add(row);
    }

    /**
     * One item being read, field by field, for a reader that parses without building an
     * {@link Item}: reused from line to line, so reading allocates nothing per item. The reader
     * checks that every required field is there before it {@link #add adds} the row.
     */
    public static final class Row {
        private byte[] id = new byte[64];
        private int idLength;
        private int account;
        private int user;
        private int meeting;
        private Category category;
        private boolean hasCategory;
        private long created;
        private int[] subjects = new int[16];
        private int subjectCount;
        private int subjectList;
        private byte[] parentIds = new byte[256];
        private int[] parentEnd = new int[8];
        private int parentCount;
        private Set<Transform> transforms = Set.of();

        public Row() {
            clear();
        }

        /**
         * Empties the row for the next item. The category and transforms stay referenced, marked
         * unset, and are stored again only when an item changes them: a reader fills one row per
         * line, the row lives in the old generation, and each store of a reference there runs the
         * collector's write barrier, with a memory fence, for what is mostly the same value.
         */
        public Row clear() {
            idLength = 0;
            account = NONE;
            user = NONE;
            meeting = NONE;
            hasCategory = false;
            subjectCount = 0;
            subjectList = NONE;
            parentCount = 0;
            if (!transforms.isEmpty()) {
                transforms = Set.of();
            }
            return this;
        }

        public void id(String value) {
            idLength = 0;
            id = appendUtf8(id, 0, value);
            idLength = utf8Length;
        }

        /** The id, as {@code chars[from .. from + length)}. */
        public void id(char[] chars, int from, int length) {
            id = appendUtf8(id, 0, chars, from, length);
            idLength = utf8Length;
        }

        /** The id as its UTF-8 bytes, {@code utf8[from .. from + length)}, which the caller has checked are UTF-8. */
        public void id(byte[] utf8, int from, int length) {
            id = room(id, 0, length);
            System.arraycopy(utf8, from, id, 0, length);
            idLength = length;
        }

        public void account(int name) {
            account = name;
        }

        public void user(int name) {
            user = name;
        }

        public void meeting(int name) {
            meeting = name;
        }

        public void category(Category value) {
            if (category != requireNonNull(value, "category is null")) {
                category = value;
            }
            hasCategory = true;
        }

        public void created(long epochNanos) {
            created = epochNanos;
        }

        public void subject(int name) {
            if (subjectList != NONE) {
                throw new IllegalStateException("the row's subjects are a numbered list already");
            }
            if (subjectCount == subjects.length) {
                subjects = Arrays.copyOf(subjects, subjectCount * 2);
            }
            subjects[subjectCount++] = name;
        }

        /**
         * The row's subjects as a list the batch it is added to has numbered
         * ({@link ItemBatch#subjectList(int[], int)}): a reader that sees the same list on many lines
         * numbers it once, rather than the batch comparing it name by name on each.
         */
        public void subjectList(int number) {
            if (subjectCount != 0) {
                throw new IllegalStateException("the row has subjects one by one already");
            }
            subjectList = number;
        }

        public void parent(String value) {
            int at = startParent();
            parentIds = appendUtf8(parentIds, at, value);
            parentEnd[parentCount++] = at + utf8Length;
        }

        /** A parent's id, as {@code chars[from .. from + length)}. */
        public void parent(char[] chars, int from, int length) {
            int at = startParent();
            parentIds = appendUtf8(parentIds, at, chars, from, length);
            parentEnd[parentCount++] = at + utf8Length;
        }

        /** A parent's id as its UTF-8 bytes, {@code utf8[from .. from + length)}, which the caller has checked are UTF-8. */
        public void parent(byte[] utf8, int from, int length) {
            int at = startParent();
            parentIds = room(parentIds, at, length);
            System.arraycopy(utf8, from, parentIds, at, length);
            parentEnd[parentCount++] = at + length;
        }

        public void transforms(Set<Transform> value) {
            if (transforms != requireNonNull(value, "transforms is null")) {
                transforms = value;
            }
        }

        /** Makes room for one more parent; where its id starts. */
        private int startParent() {
            if (parentCount == parentEnd.length) {
                parentEnd = Arrays.copyOf(parentEnd, parentCount * 2);
            }
            return parentCount == 0 ? 0 : parentEnd[parentCount - 1];
        }

        private int parentFrom(int k) {
            return k == 0 ? 0 : parentEnd[k - 1];
        }

        private int utf8Length;

        /** Writes {@code value} as UTF-8 at {@code at}, growing {@code into} as needed; sets {@link #utf8Length}. */
        private byte[] appendUtf8(byte[] into, int at, String value) {
            int length = value.length();
            into = room(into, at, length);
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    return appendEncoded(into, at, value);
                }
                into[at + i] = (byte) c;
            }
            utf8Length = length;
            return into;
        }

        private byte[] appendUtf8(byte[] into, int at, char[] chars, int from, int length) {
            into = room(into, at, length);
            for (int i = 0; i < length; i++) {
                char c = chars[from + i];
                if (c >= 0x80) {
                    return appendEncoded(into, at, new String(chars, from, length));
                }
                into[at + i] = (byte) c;
            }
            utf8Length = length;
            return into;
        }

        /**
         * Rare: ids are mostly ASCII, which is its own UTF-8. An id with half a surrogate pair
         * (JSON can spell one, {@code "\\ud800"}) has no UTF-8 form, so it is refused rather
         * than silently changed.
         */
        private byte[] appendEncoded(byte[] into, int at, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("an item id is Unicode text; this one has half a surrogate pair at "
                            + "character " + i);
                }
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            into = room(into, at, utf8.length);
            System.arraycopy(utf8, 0, into, at, utf8.length);
            utf8Length = utf8.length;
            return into;
        }

        private static byte[] room(byte[] array, int at, int more) {
            return at + more <= array.length ? array : Arrays.copyOf(array, Math.max(array.length * 2, at + more));
        }
    }

    /** Appends a row; see {@link #add(Item)}. */
    public void add(Row row) {
        if (local == null) {
            throw new IllegalStateException("a batch is read-only once a graph holds it");
        }
        if (row.idLength == 0 || row.account == NONE || !row.hasCategory) {
            throw new IllegalArgumentException("an item has an id, an account and a category");
        }
        int category = row.category.index();
        if (category >= categoryByIndex.length) {
            categoryByIndex = Arrays.copyOf(categoryByIndex, category + 1);
        }
        if (categoryByIndex[category] != row.category) {
            if (categoryByIndex[category] != null) {
                throw new IllegalArgumentException("the items of a batch have the categories of one taxonomy");
            }
            categoryByIndex[category] = row.category;
        }
        if (size == capacity) {
            resize(size * 2);
        }
        int r = size;
        int from = idBytes;
        ensureIdCapacity(row.idLength);
        System.arraycopy(row.id, 0, ids, from, row.idLength);
        idBytes += row.idLength;
        int hash = KeyHash.of(ids, from, idBytes);
        set(ID_END, r, idBytes);
        set(ID_HASH, r, hash);
        set(ACCOUNT, r, row.account);
        set(USER, r, row.user);
        set(MEETING, r, row.meeting);
        set(CATEGORY, r, category);
        set(CREATED_HIGH, r, (int) (row.created >>> 32));
        set(CREATED_LOW, r, (int) row.created);
        if (row.subjectList >= subjectListCount) {
            throw new IllegalArgumentException("the batch has no subject list " + row.subjectList);
        }
        set(SUBJECTS, r, row.subjectList != NONE ? row.subjectList : subjectList(row.subjects, row.subjectCount));
        set(TRANSFORMS, r, transformSets.id(row.transforms));
        for (int k = 0; k < row.parentCount; k++) {
            if (parentCount == parents.length) {
                parents = Arrays.copyOf(parents, parentCount * 2);
            }
            int found = findLocal(row.parentIds, row.parentFrom(k), row.parentEnd[k]);
            if (found == UNRESOLVED) {
                unresolvedParentIds.put(parentCount, new String(row.parentIds, row.parentFrom(k),
                        row.parentEnd[k] - row.parentFrom(k), StandardCharsets.UTF_8));
            }
            parents[parentCount++] = found;
        }
        set(PARENT_END, r, parentCount);
        size++;
        indexLocal(r, hash);
    }

    private void set(int column, int row, int value) {
        columns[column * capacity + row] = value;
    }

    int idEnd(int row) {
        return idBase + columns[ID_END * capacity + row];
    }

    int idHash(int row) {
        return columns[ID_HASH * capacity + row];
    }

    int accountName(int row) {
        return columns[ACCOUNT * capacity + row];
    }

    /** The owner's name number, or {@link #NONE}. */
    int userName(int row) {
        return columns[USER * capacity + row];
    }

    /** The meeting's name number, or {@link #NONE}. */
    int meetingName(int row) {
        return columns[MEETING * capacity + row];
    }

    int categoryIndex(int row) {
        return columns[CATEGORY * capacity + row];
    }

    int subjectListOf(int row) {
        return columns[SUBJECTS * capacity + row];
    }

    /** The number of the row's transform set in {@link #transformSets}. */
    int transformSetOf(int row) {
        return columns[TRANSFORMS * capacity + row];
    }

    /** The row's creation time, in nanoseconds since the epoch. */
    long created(int row) {
        return (long) columns[CREATED_HIGH * capacity + row] << 32 | columns[CREATED_LOW * capacity + row] & 0xFFFF_FFFFL;
    }

    int parentEnd(int row) {
        return columns[PARENT_END * capacity + row];
    }

    Category category(int row) {
        return categoryByIndex[categoryIndex(row)];
    }

    int idFrom(int row) {
        return row == 0 ? idBase : idEnd(row - 1);
    }

    String id(int row) {
        return new String(ids, idFrom(row), idEnd(row) - idFrom(row), StandardCharsets.UTF_8);
    }

    /** A row as a value; a parent it resolved among its own rows is named by that row's id. */
    public Item item(int row) {
        int from = row == 0 ? 0 : parentEnd(row - 1);
        String[] parentIds = new String[parentEnd(row) - from];
        for (int k = 0; k < parentIds.length; k++) {
            int p = parents[from + k];
            parentIds[k] = p == UNRESOLVED ? unresolvedParentIds.get(from + k) : id(p);
        }
        List<String> subjectList = new ArrayList<>();
        for (int s = subjectFrom(row); s < subjectTo(row); s++) {
            subjectList.add(names.name(subjectNames[s]));
        }
        return new Item(id(row), names.name(accountName(row)), optional(userName(row)), optional(meetingName(row)),
                category(row), Instants.instant(created(row)), subjectList,
                List.of(parentIds), transformSets.get(transformSetOf(row)));
    }

    /** Row {@code row}'s subjects are {@code subjectName(subjectFrom(row)) .. subjectName(subjectTo(row) - 1)}. */
    int subjectFrom(int row) {
        int list = subjectListOf(row);
        return list == 0 ? 0 : subjectListEnd[list - 1];
    }

    int subjectTo(int row) {
        return subjectListEnd[subjectListOf(row)];
    }

    int subjectName(int at) {
        return subjectNames[at];
    }

    Optional<String> optional(int name) {
        return name == NONE ? Optional.empty() : Optional.of(names.name(name));
    }

    /** Mixes high bits into low ones, which pick the slot: numbers that differ only in high bits would share one. */
    static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
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

    private int findLocal(byte[] key, int from, int to) {
        if (size == 0) {
            return UNRESOLVED;
        }
        int hash = KeyHash.of(key, from, to);
        for (int slot = spread(hash) & localMask; ; slot = (slot + 1) & localMask) {
            long entry = local[slot];
            if (entry == 0) {
                return UNRESOLVED;
            }
            int row = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && Arrays.equals(ids, idFrom(row), idEnd(row), key, from, to)) {
                return row;
            }
        }
    }

    /**
     * The number of the list {@code names[0 .. count)}, adding it if the batch does not hold it:
     * the list numbered last first (consecutive items of one meeting name the same people), then
     * the table. A {@link Row#subjectList row} can name its subjects by it.
     */
    public int subjectList(int[] names, int count) {
        if (local == null) {
            throw new IllegalStateException("a batch is read-only once a graph holds it");
        }
        int last = subjectListCount - 1;
        if (last >= 0 && sameList(last, names, count)) {
            return last;
        }
        int mask = subjectListSlots.length - 1;
        int slot = spread(listHash(names, 0, count)) & mask;
        for (int entry; (entry = subjectListSlots[slot]) != 0; slot = (slot + 1) & mask) {
            if (sameList(entry - 1, names, count)) {
                return entry - 1;
            }
        }
        int from = last < 0 ? 0 : subjectListEnd[last];
        if (from + count > subjectNames.length) {
            subjectNames = Arrays.copyOf(subjectNames, Math.max(subjectNames.length * 2, from + count));
        }
        System.arraycopy(names, 0, subjectNames, from, count);
        if (subjectListCount == subjectListEnd.length) {
            subjectListEnd = Arrays.copyOf(subjectListEnd, subjectListCount * 2);
        }
        subjectListEnd[subjectListCount] = from + count;
        subjectListSlots[slot] = ++subjectListCount;
        if (subjectListCount * 2 > mask) {
            rehashSubjectLists();
        }
        return subjectListCount - 1;
    }

    /** Compared name by name: lists are a few names long, too short for {@link Arrays#equals}' set-up to pay. */
    private boolean sameList(int list, int[] names, int count) {
        int from = list == 0 ? 0 : subjectListEnd[list - 1];
        if (subjectListEnd[list] - from != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (subjectNames[from + i] != names[i]) {
                return false;
            }
        }
        return true;
    }

    private static int listHash(int[] names, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + names[i];
        }
        return h;
    }

    private void rehashSubjectLists() {
        subjectListSlots = new int[subjectListSlots.length * 2];
        int mask = subjectListSlots.length - 1;
        for (int list = 0; list < subjectListCount; list++) {
            int from = list == 0 ? 0 : subjectListEnd[list - 1];
            int slot = spread(listHash(subjectNames, from, subjectListEnd[list])) & mask;
            while (subjectListSlots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            subjectListSlots[slot] = list + 1;
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
     * other graphs. Drops the tables that only adding needs and trims the arrays. A reader seals
     * each batch as it finishes it: a graph would seal it too, but only once every batch is read,
     * and at ten million items the tables held till then were half a gigabyte of old generation
     * (the id table of a 4 MiB block is a humongous object to G1, a region to itself).
     */
    public void seal() {
        seal(null);
    }

    /**
     * As {@link #seal()}, moving the ids into {@code slabs} (when not null), where the batches a
     * thread reads keep theirs one after another, rather than trimming an array of the batch's own.
     */
    public void seal(IdSlabs slabs) {
        if (local == null) {
            return;
        }
        local = null;
        scratch = null;
        subjectListSlots = null;
        transformSets.seal();
        subjectNames = Arrays.copyOf(subjectNames, subjectListCount == 0 ? 0 : subjectListEnd[subjectListCount - 1]);
        subjectListEnd = Arrays.copyOf(subjectListEnd, subjectListCount);
        if (slabs != null && idBytes > 0 && idBytes <= IdSlabs.SLAB) {
            idBase = slabs.keep(ids, idBytes);
            ids = slabs.slab();
        } else if (ids.length - idBytes > ids.length / 8) {
            ids = Arrays.copyOf(ids, idBytes);
        }
        if (capacity - size > capacity / 8) {
            resize(size);
        }
        if (parents.length - parentCount > parents.length / 8) {
            parents = Arrays.copyOf(parents, parentCount);
        }
    }

    private void resize(int rows) {
        int[] moved = new int[Math.multiplyExact(COLUMNS, rows)];
        for (int c = 0; c < COLUMNS; c++) {
            System.arraycopy(columns, c * capacity, moved, c * rows, Math.min(size, rows));
        }
        columns = moved;
        capacity = rows;
    }

    /** Distinct values numbered densely in the order first seen. */
    static final class Table<T> {
        /** How many of the first values are looked for by reference before by hash. */
        private static final int BY_REFERENCE = 8;
        private Map<T, Integer> ids = new HashMap<>();
        private final List<T> values = new ArrayList<>();

        int id(T value) {
            // A reader hands over one instance per distinct value, and a batch has a handful of them:
            // comparing references finds them without hashing a set (a sixth of adding a row, measured).
            for (int i = 0; i < values.size() && i < BY_REFERENCE; i++) {
                if (values.get(i) == value) {
                    return i;
                }
            }
            Integer known = ids.get(value);
            if (known != null) {
                return known;
            }
            int id = values.size();
            ids.put(value, id);
            values.add(value);
            return id;
        }

        T get(int id) {
            return values.get(id);
        }

        /** Ends numbering; the values stay. A build holds hundreds of batches, so their lookup maps add up. */
        void seal() {
            ids = null;
        }
    }
}
