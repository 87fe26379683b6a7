package dev.consentry.merkle;

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
 * hundreds of millions of ids without holding them.
 */
public final class MerkleTree {
    public static final String ALGORITHM = "rfc6962-sha256";

    private final MessageDigest sha256;
    private final byte[][] stack = new byte[64][];
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
        byte[] hash = sha256.digest();
        long subtree = 1;
        while (depth > 0 && stackSizes[depth - 1] == subtree) {
            hash = node(stack[--depth], hash);
            subtree *= 2;
        }
        stack[depth] = hash;
        stackSizes[depth++] = subtree;
        size++;
        return this;
    }

    /**
     * Appends a perfect subtree of {@code leaves} leaves (a power of two) by its root hash, as if
     * its leaves were added one by one; the tree must hold a multiple of {@code leaves} leaves.
     * Perfect subtrees are independent, so their roots can be computed in parallel.
     */
    public MerkleTree addSubtree(byte[] root, long leaves) {
        if (Long.bitCount(leaves) != 1 || size % leaves != 0 || root.length != 32) {
            throw new IllegalArgumentException("a subtree of " + leaves + " leaves does not fit at leaf " + size);
        }
        byte[] hash = root.clone();
        long subtree = leaves;
        while (depth > 0 && stackSizes[depth - 1] == subtree) {
            hash = node(stack[--depth], hash);
            subtree *= 2;
        }
        stack[depth] = hash;
        stackSizes[depth++] = subtree;
        size += leaves;
        return this;
    }

    /** The root of the leaves added so far. */
    public MerkleRoot root() {
        byte[] hash;
        if (depth == 0) {
            hash = sha256.digest();
        } else {
            hash = stack[depth - 1];
            for (int i = depth - 2; i >= 0; i--) {
                hash = node(stack[i], hash);
            }
        }
        return new MerkleRoot(ALGORITHM, size, HexFormat.of().formatHex(hash));
    }

    private byte[] node(byte[] left, byte[] right) {
        sha256.update((byte) 0x01);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }
}
