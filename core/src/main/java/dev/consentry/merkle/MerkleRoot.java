package dev.consentry.merkle;

import static java.util.Objects.requireNonNull;

/** A Merkle tree's identity as a build records it: the algorithm, the number of leaves, the root in hex. */
public record MerkleRoot(String algorithm, long size, String root) {
    public MerkleRoot {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(root, "root is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative");
        }
        if (!root.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("root is not 64 lowercase hex digits");
        }
    }
}
