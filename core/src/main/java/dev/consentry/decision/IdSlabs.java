package dev.consentry.decision;

/**
 * Where one reading thread keeps the ids of the batches it seals, one batch after another, in
 * slabs of 4 MiB. A slab is a humongous object to G1 at the launcher's region size, allocated
 * straight into the old generation, filled whole and never copied; a batch's ids in an array of
 * their own (about 300 KB for a 4 MiB block of items) were young, and every young collection
 * copied them (docs/benchmarks.md, seventh round). The slab's length leaves room for the array's
 * header, so it fills its regions exactly. Not thread-safe: one per reading thread.
 */
public final class IdSlabs {
    static final int SLAB = (4 << 20) - 16;

    private byte[] slab;
    private int used = SLAB;

    /**
     * Copies {@code bytes[0 .. length)} into the slab being filled, or into a new one when they do
     * not fit in what is left of it; returns where they start in {@link #slab()}.
     */
    int keep(byte[] bytes, int length) {
        if (length > SLAB - used) {
            slab = new byte[SLAB];
            used = 0;
        }
        System.arraycopy(bytes, 0, slab, used, length);
        used += length;
        return used - length;
    }

    /** The slab the last bytes kept are in. */
    byte[] slab() {
        return slab;
    }
}
