package dev.consentry.gate;

import dev.consentry.decision.Decider;
import dev.consentry.decision.ReasonCode;
import dev.consentry.decision.Verdict;
import dev.consentry.taxonomy.Purpose;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which items of a build are allowed, and how many denied items have each reason code, counted by
 * two passes at once: the rendering pass, which decides chunks of items from the first on, and the
 * tally's own thread, which decides them from the last back ({@link #complete}). Each chunk is
 * counted by the pass that claims it first, so the two meet somewhere in the middle and every
 * item is counted once; the tally's thread then builds the Merkle tree over the allowed ids while
 * the rendering pass writes the rest of the lines (LocalGate#build).
 *
 * <p>A chunk holds whole words of the allowed bits, so no two threads write one word; a chunk's
 * counts are written by the one thread that claimed it, and read once every chunk is counted.
 */
final class Tally {
    private static final int CODES = ReasonCode.values().length;

    private final int size;
    private final int chunk;
    private final long[] allowedBits;
    /** By chunk: the denied items with each code among their reasons, then the denied items. */
    private final long[][] denials;
    private final AtomicIntegerArray claimed;
    private final CountDownLatch uncounted;

    /** A tally of {@code size} items in chunks of {@code chunk}, a multiple of 64. */
    Tally(int size, int chunk) {
        if (chunk <= 0 || chunk % 64 != 0) {
            throw new IllegalArgumentException("a chunk is a positive multiple of 64 items, not " + chunk);
        }
        this.size = size;
        this.chunk = chunk;
        this.allowedBits = new long[(size + 63) >>> 6];
        int chunks = (int) ((size + (long) chunk - 1) / chunk);
        this.denials = new long[chunks][CODES + 1];
        this.claimed = new AtomicIntegerArray(chunks);
        this.uncounted = new CountDownLatch(chunks);
    }

    /** Claims the chunk that starts at item {@code from} for the caller to count; false if the other pass has. */
    boolean claim(int from) {
        return claimed.compareAndSet(from / chunk, 0, 1);
    }

    /** Counts the decision of {@code node}, in a chunk the caller claimed; {@code seen} is scratch, one flag a code. */
    void count(int node, Verdict v, boolean[] seen) {
        if (v.allowed()) {
            allowedBits[node >>> 6] |= 1L << node;
            return;
        }
        long[] counts = denials[node / chunk];
        counts[CODES]++;
        Arrays.fill(seen, false);
        for (int r = 0; r < v.reasons(); r++) {
            int code = v.reason(r).code().ordinal();
            if (!seen[code]) {
                seen[code] = true;
                counts[code]++;
            }
        }
    }

    /** A chunk the caller claimed is counted. */
    void counted() {
        uncounted.countDown();
    }

    /** Scratch for {@link #count}: one flag a reason code. */
    static boolean[] scratch() {
        return new boolean[CODES];
    }

    /**
     * Decides and counts, from the last chunk back, the chunks the rendering pass has not claimed,
     * then waits until every chunk is counted.
     */
    void complete(Decider decider, Purpose purpose, Instant at) throws InterruptedException {
        Verdict verdict = new Verdict();
        boolean[] seen = scratch();
        for (int c = denials.length - 1; c >= 0 && claim(c * chunk); c--) {
            for (int node = c * chunk, to = Math.min(size, node + chunk); node < to; node++) {
                count(node, decider.decide(node, purpose, at, verdict), seen);
            }
            counted();
        }
        uncounted.await();
    }

    /** The allowed items, in item order; once {@link #complete}. */
    int[] allowedNodes() {
        int[] nodes = new int[Math.toIntExact(size - denied())];
        int count = 0;
        for (int word = 0; word < allowedBits.length; word++) {
            for (long bits = allowedBits[word]; bits != 0; bits &= bits - 1) {
                nodes[count++] = word << 6 | Long.numberOfTrailingZeros(bits);
            }
        }
        return nodes;
    }

    long denied() {
        return Arrays.stream(denials).mapToLong(counts -> counts[CODES]).sum();
    }

    /** How many denied items have each code among their reasons, by the code's ordinal. */
    long[] deniedByCode() {
        long[] byCode = new long[CODES];
        for (long[] counts : denials) {
            for (int code = 0; code < CODES; code++) {
                byCode[code] += counts[code];
            }
        }
        return byCode;
    }
}
