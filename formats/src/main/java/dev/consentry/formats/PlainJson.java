package dev.consentry.formats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A cursor over one line of JSON in its plainest form, for readers that take most lines straight
 * from their bytes: spaces and tabs between tokens, strings of ASCII text without escapes,
 * {@code null}, lists of such strings. Whatever it cannot read plainly (an escape, text beyond
 * ASCII, a number, an empty string, a syntax error) it reports as not plain, and the reader hands
 * the line to a JSON parser, which reads it in full or reports the error at its place. So a plain
 * read accepts only what the parser accepts, and reads it the same way. Not thread-safe.
 */
final class PlainJson {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW = 0x7F7F7F7F7F7F7F7FL;
    private byte[] buf;
    private int at;
    private int limit;
    /** The last string read is {@code bytes()[start .. end)}, without its quotes. */
    int start;
    int end;

    /** Starts on {@code buf[from ..]}; the line ends at the first newline before {@code limit}, or at the limit. */
    PlainJson reset(byte[] buf, int from, int limit) {
        // A reader resets for every line of a block: storing the same reference again would run the
        // collector's write barrier, fence and all, once a line.
        if (this.buf != buf) {
            this.buf = buf;
        }
        this.at = from;
        this.limit = limit;
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    /** Skips spaces and tabs, then consumes {@code c} if it comes next. */
    boolean next(char c) {
        skipSpace();
        if (at < limit && buf[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    /** Reads a non-empty string of ASCII from space up, with no escape in it. */
    boolean string() {
        skipSpace();
        if (at >= limit || buf[at] != '"') {
            return false;
        }
        int i = at + 1;
        // Eight bytes at a time to the first that is not plain text: a quote, a backslash, a control or non-ASCII byte.
        while (i + 8 <= limit) {
            long x = (long) LONGS.get(buf, i);
            long stop = zeroBytes(x ^ '"' * ONES) | zeroBytes(x ^ '\\' * ONES) | (~((x & LOW) + (0x80 - 0x20) * ONES) | x) & HIGH;
            if (stop != 0) {
                i += Long.numberOfTrailingZeros(stop) >>> 3;
                break;
            }
            i += 8;
        }
        for (; i < limit; i++) {
            byte b = buf[i];
            if (b == '"') {
                break;
            }
            // Bytes beyond ASCII are negative: UTF-8 is left to the parser, which checks it.
            if (b < 0x20 || b == '\\') {
                return false;
            }
        }
        if (i == limit || i == at + 1) {
            return false;
        }
        start = at + 1;
        end = i;
        at = i + 1;
        return true;
    }

    /**
     * Consumes the string whose text is {@code text[from .. from + length)} if it comes next,
     * where that text is one {@link #string} read before: then it holds no quote, and the string
     * is read just as {@code string()} would read it, without looking for its end. Readers try the
     * value the same field had on the line before, which it mostly repeats.
     */
    boolean string(byte[] text, int from, int length) {
        skipSpace();
        if (at + length + 2 > limit || buf[at] != '"' || buf[at + length + 1] != '"'
                || !ByteKeys.same(buf, at + 1, text, from, length)) {
            return false;
        }
        start = at + 1;
        end = start + length;
        at = end + 1;
        return true;
    }

    /**
     * Consumes the list {@code ["…"]} whose text between its first and last quote is {@code
     * text[from .. from + length)}, if it comes next; that text is what a list of plain strings
     * read before spanned, so this list holds the same strings.
     */
    boolean stringList(byte[] text, int from, int length) {
        skipSpace();
        if (at + length + 4 > limit || buf[at] != '[' || buf[at + 1] != '"' || buf[at + length + 2] != '"'
                || buf[at + length + 3] != ']' || !ByteKeys.same(buf, at + 2, text, from, length)) {
            return false;
        }
        at += length + 4;
        return true;
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** Consumes {@code null} if it comes next. */
    boolean nullLiteral() {
        return literal(NULL);
    }

    boolean trueLiteral() {
        return literal(TRUE);
    }

    boolean falseLiteral() {
        return literal(FALSE);
    }

    /** Consumes {@code word} if its bytes come next, after spaces and tabs. */
    boolean literal(byte[] word) {
        skipSpace();
        if (at + word.length <= limit && ByteKeys.same(buf, at, word, 0, word.length)) {
            at += word.length;
            return true;
        }
        return false;
    }

    /**
     * Where the line ends once its value is read: after spaces and tabs and a carriage return
     * right before the newline, the index of the newline (or the limit); -1 if anything else
     * follows the value.
     */
    int lineEnd() {
        skipSpace();
        if (at < limit && buf[at] == '\r' && (at + 1 == limit || buf[at + 1] == '\n')) {
            at++;
        }
        if (at == limit) {
            return limit;
        }
        return buf[at] == '\n' ? at : -1;
    }

    /** The high bit of each byte of {@code x} that is zero, and no other bit. */
    private static long zeroBytes(long x) {
        return ~((x & LOW) + LOW | x | LOW);
    }

    private void skipSpace() {
        while (at < limit && (buf[at] == ' ' || buf[at] == '\t')) {
            at++;
        }
    }
}
