package dev.consentry.formats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Output lines being rendered by one thread: a growable array without the lock every
 * {@link java.io.ByteArrayOutputStream} call takes (a decision line is half a dozen appends, and
 * a build renders tens of millions of lines). Reused after {@link #clear()}.
 */
public final class LineBuffer {
    private byte[] bytes;
    private int length;

    public LineBuffer(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    void append(byte[] b) {
        append(b, 0, b.length);
    }

    public void append(byte[] b, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        System.arraycopy(b, from, bytes, length, n);
        length += n;
    }

    void append(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** Copies the lines from byte {@code from} into {@code target}, as many as it has room for; returns how many. */
    public int copyTo(int from, ByteBuffer target) {
        int n = Math.min(length - from, target.remaining());
        target.put(bytes, from, n);
        return n;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
