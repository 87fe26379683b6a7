package dev.consentry.testing;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The Merkle tree hash of RFC 6962 §2.1, evaluated recursively exactly as the RFC writes it: the tests' reference. */
public final class Rfc6962 {
    private Rfc6962() {}

    /** MTH over the leaves' data, in lowercase hex. */
    public static String rootHex(List<byte[]> leaves) {
        return HexFormat.of().formatHex(root(leaves));
    }

    static byte[] root(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return sha256(new byte[] {0x00}, leaves.get(0));
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return sha256(new byte[] {0x01}, root(leaves.subList(0, k)), root(leaves.subList(k, n)));
    }

    private static byte[] sha256(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(all.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
