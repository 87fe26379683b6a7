package dev.consentry.build;

import static java.util.Objects.requireNonNull;

import dev.consentry.merkle.MerkleRoot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one run of the gate did, as bound into the ledger and written to {@code build.json}: its
 * id, the purpose and time, the policy family and the digest of every version file, the consent
 * ledger head it read, the counts, denied items per reason code, and the Merkle root over the
 * allowed ids.
 */
public record BuildRecord(String build, String purpose, Instant at, String policy, List<VersionDigest> versions,
        String ledgerHead, Counts counts, SortedMap<String, Long> deniedByCode, MerkleRoot merkle) {
    public BuildRecord {
        requireNonNull(build, "build is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(at, "at is null");
        requireNonNull(policy, "policy is null");
        versions = List.copyOf(versions);
        requireNonNull(ledgerHead, "ledgerHead is null");
        requireNonNull(counts, "counts is null");
        deniedByCode = Collections.unmodifiableSortedMap(new TreeMap<>(deniedByCode));
        requireNonNull(merkle, "merkle is null");
        if (merkle.size() != counts.allowed()) {
            throw new IllegalArgumentException("the Merkle tree has " + merkle.size() + " leaves for "
                    + counts.allowed() + " allowed items");
        }
    }

    /** The SHA-256 of one policy version's file as read. */
    public record VersionDigest(String version, String sha256) {
        public VersionDigest {
            requireNonNull(version, "version is null");
            requireNonNull(sha256, "sha256 is null");
        }
    }

    public record Counts(long items, long allowed, long denied) {
        public Counts {
            if (allowed < 0 || denied < 0 || items != allowed + denied) {
                throw new IllegalArgumentException("counts: " + items + " items != " + allowed + " allowed + " + denied + " denied");
            }
        }
    }

    /**
     * A build id derived from everything that determines the build's outcome, so the same inputs
     * always give the same id: {@code b-} and the first 24 hex digits of SHA-256 over the purpose,
     * the time, the items' digest, the ledger head and the policy bundle's digest.
     */
    public static String deriveId(String purpose, Instant at, String itemsSha256, String ledgerHead, String policyDigest) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {purpose, at.toString(), itemsSha256, ledgerHead, policyDigest}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return "b-" + HexFormat.of().formatHex(sha256.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
