package dev.consentry.decision;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names items mention (accounts, owners, meetings, subjects), numbered densely. The batches
 * of one graph share one table, so a name is one string however many items and batches mention
 * it: a platform has a few hundred thousand names and tens of millions of mentions. Safe for
 * concurrent use, since parallel readers add names as they parse.
 */
public final class Names {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile String[] names = new String[1024];
    private int size;

    /** The number of a name, numbering it if it is new. */
    public int id(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        synchronized (lock) {
            id = ids.get(name);
            if (id != null) {
                return id;
            }
            String[] array = names;
            if (size == array.length) {
                array = Arrays.copyOf(array, size * 2);
            }
            array[size] = name;
            names = array;
            // Published after the array holds it: whoever reads the number from the map sees the name.
            ids.put(name, size);
            return size++;
        }
    }

    public String name(int id) {
        return names[id];
    }
}
