package dev.consentry.decision;

import dev.consentry.hash.KeyHash;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The names items mention (accounts, owners, meetings, subjects), numbered densely. The batches
 * of one graph share one table, so a name is one string however many items and batches mention
 * it: a platform has a few hundred thousand names and tens of millions of mentions. A gate reads
 * its events with the same table, so the events name the same strings. Safe for concurrent use,
 * since parallel readers add names as they parse.
 *
 * <p>Design: names are found through 64 open-addressing tables chosen by hash, each of strings,
 * their hashes and primitive numbers under its own lock. A table-wide lock, held by one reader
 * while the other waited, cost a third of reading (measured at ten million items); a
 * {@code ConcurrentHashMap} locks no more than a bin but keeps an entry object and a boxed
 * number per name, a third of the objects a build holds for the collector to mark.
 */
public final class Names {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int STRIPE_BITS = 6;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];
    private final AtomicInteger size = new AtomicInteger();
    /** Names by number, in chunks allocated as numbers reach them, so no name is ever copied. */
    private volatile String[][] chunks = new String[4][];

    public Names() {
        Arrays.setAll(stripes, s -> new Stripe());
    }

    /** The number of a name, numbering it if it is new. */
    public int id(String name) {
        int hash = KeyHash.of(name);
        Stripe stripe = stripes[hash >>> (32 - STRIPE_BITS)];
        synchronized (stripe) {
            return stripe.id(name, hash);
        }
    }

    /** How many names are numbered: every number is below it. */
    public int size() {
        return size.get();
    }

    public String name(int id) {
        return chunks[id >>> CHUNK_BITS][id & (CHUNK - 1)];
    }

    /** Runs once per new name, under its stripe's lock: the name is in place before its number is returned. */
    private int number(String name) {
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

    /**
     * One table of names, their hashes and their numbers, probed linearly; at most half full. A
     * probe compares hashes before strings, and growing rehashes from them: a build numbers
     * millions of names, most of them missing from a table that does not fit in cache.
     */
    private final class Stripe {
        private String[] keys = new String[64];
        private int[] hashes = new int[64];
        private int[] ids = new int[64];
        private int count;

        int id(String name, int hash) {
            int mask = keys.length - 1;
            int slot = hash & mask;
            for (String key; (key = keys[slot]) != null; slot = (slot + 1) & mask) {
                if (hashes[slot] == hash && key.equals(name)) {
                    return ids[slot];
                }
            }
            int id = number(name);
            keys[slot] = name;
            hashes[slot] = hash;
            ids[slot] = id;
            if (++count * 2 > keys.length) {
                grow();
            }
            return id;
        }

        private void grow() {
            String[] oldKeys = keys;
            int[] oldHashes = hashes;
            int[] oldIds = ids;
            keys = new String[oldKeys.length * 2];
            hashes = new int[oldKeys.length * 2];
            ids = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = oldHashes[i] & mask;
                    while (keys[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    hashes[slot] = oldHashes[i];
                    ids[slot] = oldIds[i];
                }
            }
        }
    }
}
