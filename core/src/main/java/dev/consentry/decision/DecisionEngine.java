package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.ConsentState;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SPEC.md's decision semantics over one policy bundle and one consent state.
 *
 * <p>Design: everything that does not depend on the item is done once. Per purpose, step 5 is
 * compiled into a table indexed by version and category ({@link PurposePlan}); per item graph,
 * lineage is resolved and every node's labels are computed once for each distinct set of
 * declassify rules the versions have, in topological order, and interned ({@link Decider}). What
 * remains per decision is a few array reads, the requirement checks (each evaluated at most once
 * per decision), and the list of precomputed reasons. The engine is immutable and thread-safe; so is a {@link Decider}.
 */
public final class DecisionEngine {
    private final PolicyBundle bundle;
    private final ConsentState state;
    private final Map<Requirement, Integer> requirementIds = new HashMap<>();
    private final long[][][] dropMasks;
    /** For each version slot, the first slot whose versions drop alike: slots that drop alike label alike. */
    private final int[] labelSlots;
    private final Map<Purpose, PurposePlan> plans = new ConcurrentHashMap<>();

    public DecisionEngine(PolicyBundle bundle, ConsentState state) {
        this.bundle = requireNonNull(bundle, "bundle is null");
        this.state = requireNonNull(state, "state is null");
        if (state.catalog() != bundle.catalog()) {
            throw new IllegalArgumentException("the consent state was recorded against another settings catalog");
        }
        List<PolicyVersion> versions = bundle.history().versions();
        for (PolicyVersion version : versions) {
            for (Rule rule : version.rules()) {
                for (Requirement r : rule.requires()) {
                    requirementIds.putIfAbsent(r, requirementIds.size());
                }
            }
        }
        int words = words();
        int transforms = bundle.taxonomy().transforms().size();
        this.dropMasks = new long[versions.size() + 1][transforms][words];
        for (int v = 0; v < versions.size(); v++) {
            for (Declassification d : versions.get(v).declassify()) {
                for (Category c : bundle.taxonomy().categories()) {
                    if (d.drops(c)) {
                        dropMasks[v + 1][d.transform().index()][c.index() >>> 6] |= 1L << c.index();
                    }
                }
            }
        }
        this.labelSlots = new int[dropMasks.length];
        Map<DropMasks, Integer> firstSlots = new HashMap<>();
        for (int slot = 0; slot < dropMasks.length; slot++) {
            labelSlots[slot] = firstSlots.merge(new DropMasks(dropMasks[slot]), slot, Math::min);
        }
    }

    /** A slot's masks, compared by content. */
    private record DropMasks(long[][] masks) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DropMasks other && Arrays.deepEquals(masks, other.masks);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(masks);
        }
    }

    public PolicyBundle bundle() {
        return bundle;
    }

    public ConsentState state() {
        return state;
    }

    /** Binds an item graph to this engine: resolves erasures through lineage and labels per version. */
    public Decider over(ItemGraph graph) {
        return new Decider(this, graph);
    }

    PurposePlan plan(Purpose purpose) {
        PurposePlan plan = plans.get(purpose);
        return plan != null ? plan : plans.computeIfAbsent(purpose,
                p -> new PurposePlan(bundle.history(), bundle.taxonomy().categories(), p, requirementIds));
    }

    int requirementId(Requirement requirement) {
        return requirementIds.get(requirement);
    }

    int words() {
        return (bundle.taxonomy().categories().size() + 63) >>> 6;
    }

    /**
     * The slot whose labels a slot's are: the first with the same declassify masks. Labels depend
     * on nothing else, and versions mostly keep their declassify rules, so the shipped terms'
     * four slots (before the first version, then three versions) need two sets of labels.
     */
    int labelSlot(int slot) {
        return labelSlots[slot];
    }

    /** Categories a child made with {@code transform} drops from its parents under a version slot. */
    long[] dropMask(int slot, int transform) {
        return dropMasks[slot][transform];
    }
}
