package dev.consentry.synthetic;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.taxonomy.Taxonomy;

/**
 * What to generate: how many items, from which seed, with how many deliberate lineage faults, in
 * the vocabulary (taxonomy and settings catalog) the items and events will be decided under.
 *
 * @param seed every byte of the output is a function of the seed and the other fields
 * @param items exactly this many items are generated
 * @param lineageFaultRate the chance that a derived item's parent was lost before ingestion, so
 *     that the item names a parent no item has (the gate denies it: {@code lineage})
 * @param taxonomy must have the default taxonomy's categories and the {@code aggregated} transform
 * @param catalog must have the default catalog's four AI settings and the {@code ai_processing} notice
 */
public record PlatformSpec(long seed, long items, double lineageFaultRate, Taxonomy taxonomy, SettingsCatalog catalog) {
    /** Two in a thousand summaries and chat drafts: rare, as real ingestion faults are, but present. */
    public static final double DEFAULT_LINEAGE_FAULT_RATE = 0.002;

    public PlatformSpec {
        requireNonNull(taxonomy, "taxonomy is null");
        requireNonNull(catalog, "catalog is null");
        if (items < 0) {
            throw new IllegalArgumentException("items is negative: " + items);
        }
        if (!(lineageFaultRate >= 0 && lineageFaultRate <= 1)) {
            throw new IllegalArgumentException("lineageFaultRate is not a probability: " + lineageFaultRate);
        }
        Vocabulary.of(taxonomy, catalog);
    }

    /** The default vocabulary and fault rate. */
    public static PlatformSpec of(long seed, long items) {
        return new PlatformSpec(seed, items, DEFAULT_LINEAGE_FAULT_RATE, Taxonomy.defaults(), SettingsCatalog.defaults());
    }

    public PlatformSpec withVocabulary(Taxonomy newTaxonomy, SettingsCatalog newCatalog) {
        return new PlatformSpec(seed, items, lineageFaultRate, newTaxonomy, newCatalog);
    }

    public PlatformSpec withLineageFaultRate(double rate) {
        return new PlatformSpec(seed, items, rate, taxonomy, catalog);
    }
}
