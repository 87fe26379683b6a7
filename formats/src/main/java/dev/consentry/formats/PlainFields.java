package dev.consentry.formats;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The field names of one line format, matched by the bytes of a plain line's keys. A writer
 * writes its fields in one order, so the field that followed the last one on the previous line is
 * tried first, as the bytes of its quoted name and colon: a key then costs one comparison, and
 * no scan for the end of the string. Not thread-safe: one per block.
 */
final class PlainFields {
    private final byte[][] names;
    /** Each field's key as Consentry writes it: its quoted name and a colon. */
    private final byte[][] keys;
    /** The field that came after each field last time; the first field of a line at {@code following[0]}. */
    private final int[] following;
    private int last = -1;
    private int seen;

    PlainFields(List<String> names) {
        this.names = names.stream().map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        this.keys = names.stream().map(name -> ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        this.following = new int[names.size() + 1];
    }

    /** Starts a line: its first key is expected to name the field that came first last time. */
    void startLine() {
        last = -1;
        seen = 0;
    }

    /** The fields the line has named so far, as bits by their place in the list. */
    int seen() {
        return seen;
    }

    /**
     * Reads a key and its colon: the number of the field it names (its place in the list), or -1
     * if the key is not plain, names no field or names one the line has named already. The
     * expected key's bytes are what {@link PlainJson#string} would read as that name followed by
     * a colon, since field names are plain text; any other spelling takes the general way.
     */
    int key(PlainJson in) {
        int expected = following[last + 1];
        int found;
        if (in.literal(keys[expected])) {
            found = expected;
        } else {
            if (!in.string()) {
                return -1;
            }
            found = -1;
            for (int f = 0; f < names.length && found < 0; f++) {
                found = names(f, in) ? f : -1;
            }
            if (found < 0 || !in.next(':')) {
                return -1;
            }
        }
        if ((seen & 1 << found) != 0) {
            return -1;
        }
        following[last + 1] = found;
        last = found;
        seen |= 1 << found;
        return found;
    }

    private boolean names(int field, PlainJson in) {
        byte[] name = names[field];
        return name.length == in.end - in.start && ByteKeys.same(name, 0, in.bytes(), in.start, name.length);
    }
}
