package dev.consentry.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * RFC 6962 Merkle tree hash over a sequence of leaves, computed in one streaming pass.
 *
 * <p>Definition (RFC 6962 §2.1): the hash of the empty tree is SHA-256 of nothing; of one leaf,
 * {@code SHA-256(0x00 ‖ leaf)}; of n > 1 leaves, {@code SHA-256(0x01 ‖ MTH(first k) ‖ MTH(rest))}
 * with k the largest power of two below n.
 *
 * <p>Design: the left subtree of every split has a power-of-two size, so the tree over the first
 * m leaves is a row of perfect subtrees whose sizes are the binary digits of m. The builder
 * keeps one hash per digit (a stack of at most 64), merges two equal-sized subtrees as soon as
 * the second is complete, and at the end folds the remaining stack right to left. That is the
 * recursive definition evaluated bottom-up: O(log n) memory, one pass, so a build can hash
 * hundreds of millions of ids without holding them. Hashes are written into the stack's own
 * arrays, so adding a leaf allocates nothing (a gate adds millions).
 */
public final class MerkleTree {
    public static final String ALGORITHM = "rfc6962-sha256";

    private static final int HASH = 32;

    private final MessageDigest sha256;
    private final byte[][] stack = new byte[64][HASH];
    /** The hash being merged up the stack. */
    private final byte[] hash = new byte[HASH];
    private final long[] stackSizes = new long[64];
    private int depth;
    private long size;

    public MerkleTree() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** Appends a leaf; leaves must arrive in tree order. */
    public MerkleTree add(byte[] leaf) {
        return add(leaf, 0, leaf.length);
    }

    /** Appends the leaf {@code bytes[from .. to)}; leaves must arrive in tree order. */
    public MerkleTree add(byte[] bytes, int from, int to) {
        sha256.update((byte) 0x00);
        sha256.update(bytes, from, to - from);
        digestInto(hash);
        push(1);
        size++;
        return this;
    }

    /**
     * Appends a perfect subtree of {@code leaves} leaves (a power of two) by its root hash, as if
     * its leaves were added one by one; the tree must hold a multiple of {@code leaves} leaves.
     * Perfect subtrees are independent, so their roots can be computed in parallel.
     */
    public MerkleTree addSubtree(byte[] root, long leaves) {
        if (Long.bitCount(leaves) != 1 || size % leaves != 0 || root.length != HASH) {
            throw new IllegalArgumentException("a subtree of " + leaves + " leaves does not fit at leaf " + size);
        }
        System.arraycopy(root, 0, hash, 0, HASH);
        push(leaves);
        size += leaves;
        return this;
    }

    /** Pushes {@link #hash}, the root of a perfect subtree, merging it with the equal-sized subtrees before it. */
    private void push(long subtree) {
        while (depth > 0 && stackSizes[depth - 1] == subtree) {
            node(stack[--depth], hash, hash);
            subtree *= 2;
        }
        System.arraycopy(hash, 0, stack[depth], 0, HASH);
        stackSizes[depth++] = subtree;
    }

    /** The root of the leaves added so far. */
    public MerkleRoot root() {
        byte[] root = new byte[HASH];
        if (depth == 0) {
            digestInto(root);
        } else {
            System.arraycopy(stack[depth - 1], 0, root, 0, HASH);
            for (int i = depth - 2; i >= 0; i--) {
                node(stack[i], root, root);
            }
        }
        return new MerkleRoot(ALGORITHM, size, HexFormat.of().formatHex(root));
    }

    /** {@code into = SHA-256(0x01 ‖ left ‖ right)}; {@code into} may be {@code right}, which is read first. */
    private void node(byte[] left, byte[] right, byte[] into) {
        sha256.update((byte) 0x01);
        sha256.update(left);
        sha256.update(right);
        digestInto(into);
    }

    private void digestInto(byte[] into) {
        try {
            sha256.digest(into, 0, HASH);
        } catch (DigestException e) {
            throw new AssertionError("a SHA-256 digest is 32 bytes", e);
        }
    }
}
