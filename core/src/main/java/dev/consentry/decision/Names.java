package dev.consentry.decision;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The names items mention (accounts, owners, meetings, subjects), numbered densely. The batches
 * of one graph share one table, so a name is one string however many items and batches mention
 * it: a platform has a few hundred thousand names and tens of millions of mentions. Safe for
 * concurrent use, since parallel readers add names as they parse; nothing locks more than one
 * bin of the map, because every meeting brings new names and a table-wide lock held by one
 * reader while the others wait cost a third of reading (measured at ten million items).
 */
public final class Names {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    /** Names by number, in chunks allocated as numbers reach them, so no name is ever copied. */
    private volatile String[][] chunks = new String[4][];

    /** The number of a name, numbering it if it is new. */
    public int id(String name) {
        Integer id = ids.get(name);
        return id != null ? id : ids.computeIfAbsent(name, this::number);
    }

    /** Runs once per new name, under its map bin's lock: the name is in place before its number is published. */
    private Integer number(String name) {
        int id = size.getAndIncrement();
        chunk(id >>> CHUNK_BITS)[id & (CHUNK - 1)] = name;
        return id;
    }

    private String[] chunk(int index) {
        String[][] directory = chunks;
        if (index < directory.length && directory[index] != null) {
            return directory[index];
        }
        synchronized (this) {
            directory = chunks;
            if (index >= directory.length) {
                directory = Arrays.copyOf(directory, Math.max(directory.length * 2, index + 1));
            }
            if (directory[index] == null) {
                directory[index] = new String[CHUNK];
            }
            chunks = directory;
            return directory[index];
        }
    }

    /** How many names are numbered: every number is below it. */
    public int size() {
        return size.get();
    }

    public String name(int id) {
        return chunks[id >>> CHUNK_BITS][id & (CHUNK - 1)];
    }
}
