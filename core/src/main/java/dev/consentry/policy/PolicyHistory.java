package dev.consentry.policy;

import static java.util.Objects.requireNonNull;

import dev.consentry.time.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every version of one family, ordered by the time each takes effect. The version in force at τ
 * is the latest with {@code effective ≤ τ}; before the first, none is (the engine then applies an
 * empty version whose default is deny).
 */
public final class PolicyHistory {
    private final String family;
    private final List<PolicyVersion> versions;
    private final long[] effectiveNanos;

    public PolicyHistory(String family, List<PolicyVersion> versions) {
        this.family = requireNonNull(family, "family is null");
        List<PolicyVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(PolicyVersion::effective));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            PolicyVersion v = sorted.get(i);
            if (!v.family().equals(family)) {
                throw new IllegalArgumentException("version " + v.version() + " belongs to family '" + v.family()
                        + "', not '" + family + "'");
            }
            if (i > 0 && sorted.get(i - 1).effective().equals(v.effective())) {
                throw new IllegalArgumentException("versions " + sorted.get(i - 1).version() + " and " + v.version()
                        + " both take effect at " + v.effective());
            }
            if (!seen.add(v.version())) {
                throw new IllegalArgumentException("version " + v.version() + " appears twice");
            }
        }
        this.versions = List.copyOf(sorted);
        this.effectiveNanos = sorted.stream().mapToLong(v -> Instants.nanos(v.effective())).toArray();
    }

    public String family() {
        return family;
    }

    /** The versions, earliest first. */
    public List<PolicyVersion> versions() {
        return versions;
    }

    /** Index into {@link #versions()} of the version in force at τ (epoch nanos), or -1 before the first. */
    public int indexInForce(long atNanos) {
        int found = -1;
        for (int i = 0; i < effectiveNanos.length && effectiveNanos[i] <= atNanos; i++) {
            found = i;
        }
        return found;
    }

    public Optional<PolicyVersion> inForce(Instant at) {
        int i = indexInForce(Instants.nanos(at));
        return i < 0 ? Optional.empty() : Optional.of(versions.get(i));
    }

    public Optional<PolicyVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }
}
