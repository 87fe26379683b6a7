package dev.consentry.policy;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.taxonomy.Taxonomy;

/**
 * A self-contained policy directory: the taxonomy and settings catalog its versions are written
 * against, the versions of one family, and a digest of every file it was read from (so a build
 * that names the digest names exactly the rules it applied).
 */
public record PolicyBundle(Taxonomy taxonomy, SettingsCatalog catalog, PolicyHistory history, String digest) {
    public PolicyBundle {
        requireNonNull(taxonomy, "taxonomy is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(history, "history is null");
        requireNonNull(digest, "digest is null");
    }
}
