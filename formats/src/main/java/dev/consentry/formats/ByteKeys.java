package dev.consentry.formats;

import dev.consentry.hash.KeyHash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The distinct strings of one block of lines, numbered densely and looked up by their bytes in
 * the line, so a value seen before costs no {@link String}. A block of generated items names a
 * few thousand distinct accounts, users, meetings and categories across tens of thousands of
 * mentions; making a string of each mention to look it up was a third of reading. Not
 * thread-safe: one per reading thread, {@linkplain #clear cleared} for each block.
 */
final class ByteKeys {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private byte[] bytes = new byte[4096];
    private int used;
    private int[] end = new int[256];
    private int size;
    private int[] slots = new int[512];
    private int mask = 511;

    /**
     * The number of {@code buf[from .. from + length)}, numbering it next if it is new. Readers
     * pass the key they found last in the same place ({@code hint}, or -1): consecutive items
     * mostly repeat an account, a meeting, a participant list, and comparing with one key is
     * cheaper than hashing.
     */
    int number(byte[] buf, int from, int length, int hint) {
        if (hint >= 0) {
            int start = hint == 0 ? 0 : end[hint - 1];
            if (end[hint] - start == length && same(bytes, start, buf, from, length)) {
                return hint;
            }
        }
        int slot = KeyHash.of(buf, from, from + length) & mask;
        for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
            int key = entry - 1;
            int start = key == 0 ? 0 : end[key - 1];
            if (end[key] - start == length && same(bytes, start, buf, from, length)) {
                return key;
            }
        }
        if (used + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + length));
        }
        System.arraycopy(buf, from, bytes, used, length);
        used += length;
        if (size == end.length) {
            end = Arrays.copyOf(end, size * 2);
        }
        end[size] = used;
        slots[slot] = size + 1;
        if (++size * 2 > mask) {
            rehash();
        }
        return size - 1;
    }

    /** Whether the next string of {@code in} is key {@code key} (none for -1), consuming it if so. */
    boolean next(PlainJson in, int key) {
        if (key < 0) {
            return false;
        }
        int start = key == 0 ? 0 : end[key - 1];
        return in.string(bytes, start, end[key] - start);
    }

    /**
     * Whether a list of strings that spans key {@code key}'s bytes comes next in {@code in},
     * consuming it if so.
     */
    boolean nextList(PlainJson in, int key) {
        if (key < 0) {
            return false;
        }
        int start = key == 0 ? 0 : end[key - 1];
        return in.stringList(bytes, start, end[key] - start);
    }

    /** Forgets every key, keeping the room the tables have grown to. */
    void clear() {
        used = 0;
        size = 0;
        Arrays.fill(slots, 0);
    }

    /**
     * Whether {@code a[aFrom ..]} and {@code b[bFrom ..]} hold the same {@code length} bytes.
     * Keys are a few bytes long, too short for {@link Arrays#equals}' vectorised compare to pay
     * for its set-up; this compares eight bytes at a time, the last eight overlapping the ones
     * before, so no key of eight bytes or more ends in a loop of single bytes (the branches of
     * which, for keys of every length, cost more than the compares).
     */
    static boolean same(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (length >= 8) {
            int last = length - 8;
            for (int i = 0; i < last; i += 8) {
                if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                    return false;
                }
            }
            return (long) LONGS.get(a, aFrom + last) == (long) LONGS.get(b, bFrom + last);
        }
        if (length >= 4) {
            return (int) INTS.get(a, aFrom) == (int) INTS.get(b, bFrom)
                    && (int) INTS.get(a, aFrom + length - 4) == (int) INTS.get(b, bFrom + length - 4);
        }
        for (int i = 0; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int key = 0; key < size; key++) {
            int start = key == 0 ? 0 : end[key - 1];
            int slot = KeyHash.of(bytes, start, end[key]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = key + 1;
        }
    }
}
