package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.ConsentState;
import dev.consentry.item.Item;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.Requirement;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Transform;
import dev.consentry.time.Instants;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * Decisions for the items of one {@link ItemGraph} under one engine: the function a batch gate,
 * a Spark executor and an HTTP handler all call.
 *
 * <p>Two things are computed per graph rather than per decision. Erasure through lineage: each
 * node's earliest erasure time over itself and all its ancestors, folded in topological order
 * (and by fixpoint over the few nodes on or below a cycle). Labels: for each policy version, each
 * node's label set, built from its parents' sets in topological order minus what the version's
 * declassify rules drop for the node's transforms; a version's sets are computed on first use.
 */
public final class Decider {
    private static final Reason NOT_YET_CREATED = Reason.of(ReasonCode.NOT_YET_CREATED);
    private static final Reason ERASED = Reason.of(ReasonCode.ERASED);
    private static final Reason LINEAGE = Reason.of(ReasonCode.LINEAGE);

    private final DecisionEngine engine;
    private final ConsentState state;
    private final PolicyHistory history;
    private final ItemGraph graph;
    private final long[] createdAt;
    private final long[] lineageErasedAt;
    private final AtomicReferenceArray<LabelSet[]> labelsBySlot;
    /**
     * The plan of the purpose asked about last: a build asks about one purpose millions of times.
     * An immutable pair with final fields, so threads may race on the field and still see a whole pair.
     */
    private LastPlan lastPlan;

    private record LastPlan(Purpose purpose, PurposePlan plan) {}

    Decider(DecisionEngine engine, ItemGraph graph) {
        this.engine = engine;
        this.state = engine.state();
        this.history = engine.bundle().history();
        this.graph = requireNonNull(graph, "graph is null");
        this.createdAt = new long[graph.size()];
        for (int node = 0; node < createdAt.length; node++) {
            createdAt[node] = Instants.nanos(graph.item(node).created());
        }
        this.lineageErasedAt = foldErasures();
        this.labelsBySlot = new AtomicReferenceArray<>(history.versions().size() + 1);
    }

    public ItemGraph graph() {
        return graph;
    }

    /** Decides one node of the graph for a purpose at a time. */
    public Decision decide(int node, Purpose purpose, Instant at) {
        LastPlan last = lastPlan;
        if (last == null || last.purpose() != purpose) {
            last = new LastPlan(purpose, engine.plan(purpose));
            lastPlan = last;
        }
        return decide(node, last.plan(), Instants.nanos(at));
    }

    /** The labels a node carries under the policy version in force at {@code at}; empty if its lineage is broken. */
    public List<Category> labels(int node, Instant at) {
        if (graph.lineageBroken(node)) {
            return List.of();
        }
        return labels(slotAt(Instants.nanos(at)))[node].categories(engine.bundle().taxonomy().categories());
    }

    private Decision decide(int node, PurposePlan plan, long t) {
        Item x = graph.item(node);
        long created = createdAt[node];
        if (created > t) {
            return new Decision(x.id(), Effect.DENY, List.of(NOT_YET_CREATED));
        }
        if (lineageErasedAt[node] <= t) {
            return new Decision(x.id(), Effect.DENY, List.of(ERASED));
        }
        if (graph.lineageBroken(node)) {
            return new Decision(x.id(), Effect.DENY, List.of(LINEAGE));
        }
        Evaluation e = new Evaluation(x, created, t);
        int createdSlot = slotAt(created);
        int decisionSlot = slotAt(t);
        e.apply(plan.outcomes[createdSlot], labels(createdSlot)[node]);
        if (decisionSlot != createdSlot) {
            e.apply(plan.outcomes[decisionSlot], labels(decisionSlot)[node]);
        }
        return e.denialCount == 0
                ? new Decision(x.id(), Effect.ALLOW, List.of(Arrays.copyOf(e.allows, e.allowCount)))
                : new Decision(x.id(), Effect.DENY, List.of(Arrays.copyOf(e.denials, e.denialCount)));
    }

    private int slotAt(long at) {
        return history.indexInForce(at) + 1;
    }

    /** One decision's working state: requirement results memoised by id, reasons gathered. */
    private final class Evaluation {
        final Item x;
        final long created;
        final long t;
        long evaluated;
        long satisfied;
        Reason[] denials;
        int denialCount;
        Reason[] allows;
        int allowCount;

        Evaluation(Item x, long created, long t) {
            this.x = x;
            this.created = created;
            this.t = t;
        }

        void apply(PurposePlan.LabelOutcome[] outcomes, LabelSet labels) {
            for (int label : labels.members) {
                PurposePlan.LabelOutcome o = outcomes[label];
                if (o.denials.length > 0) {
                    for (Reason r : o.denials) {
                        deny(r);
                    }
                } else if (o.allows.length > 0) {
                    applyAllowRules(o.allows);
                } else if (o.fallbackAllows) {
                    allow(o.fallback);
                } else {
                    deny(o.fallback);
                }
            }
        }

        private void applyAllowRules(PurposePlan.AllowRule[] rules) {
            for (PurposePlan.AllowRule rule : rules) {
                if (allMet(rule)) {
                    allow(rule.allowed);
                    return;
                }
            }
            for (PurposePlan.AllowRule rule : rules) {
                for (int k = 0; k < rule.requirements.length; k++) {
                    if (!met(rule.requirementIds[k], rule.requirements[k])) {
                        deny(rule.unmet[k]);
                    }
                }
            }
        }

        private void deny(Reason r) {
            if (denials == null) {
                denials = new Reason[4];
            } else if (denialCount == denials.length) {
                denials = Arrays.copyOf(denials, denialCount * 2);
            }
            denials[denialCount++] = r;
        }

        private void allow(Reason r) {
            if (allows == null) {
                allows = new Reason[4];
            } else if (allowCount == allows.length) {
                allows = Arrays.copyOf(allows, allowCount * 2);
            }
            allows[allowCount++] = r;
        }

        private boolean allMet(PurposePlan.AllowRule rule) {
            for (int k = 0; k < rule.requirements.length; k++) {
                if (!met(rule.requirementIds[k], rule.requirements[k])) {
                    return false;
                }
            }
            return true;
        }

        private boolean met(int id, Requirement requirement) {
            if (id >= 64) {
                return check(requirement);
            }
            long bit = 1L << id;
            if ((evaluated & bit) == 0) {
                evaluated |= bit;
                if (check(requirement)) {
                    satisfied |= bit;
                }
            }
            return (satisfied & bit) != 0;
        }

        private boolean check(Requirement requirement) {
            if (requirement instanceof Requirement.Setting s) {
                return state.settingOn(s.setting(), x.account(), x.user(), created)
                        && state.settingOn(s.setting(), x.account(), x.user(), t);
            }
            if (requirement instanceof Requirement.Notice n) {
                return noticed(n);
            }
            return x.transforms().contains(((Requirement.Transformed) requirement).transform());
        }

        private boolean noticed(Requirement.Notice n) {
            Optional<String> meeting = x.meeting();
            if (meeting.isEmpty() || x.subjects().isEmpty()) {
                return false;
            }
            for (String subject : x.subjects()) {
                if (state.firstAcknowledged(meeting.get(), subject, n.notice()) > created
                        || state.firstObjected(meeting.get(), subject, n.notice()) <= t) {
                    return false;
                }
            }
            return true;
        }
    }

    private long[] foldErasures() {
        int n = graph.size();
        long[] erased = new long[n];
        for (int i = 0; i < n; i++) {
            Item item = graph.item(i);
            erased[i] = state.erasedAt(item.id());
            int[] parents = graphParents(i);
            for (int k = 0; k < parents.length; k++) {
                if (parents[k] < 0) {
                    erased[i] = Math.min(erased[i], state.erasedAt(item.parents().get(k)));
                }
            }
        }
        for (int node : topologicalOrder()) {
            for (int p : graphParents(node)) {
                if (p >= 0 && erased[p] < erased[node]) {
                    erased[node] = erased[p];
                }
            }
        }
        int[] onCycles = IntStream.range(0, n)
                .filter(i -> graph.lineageBroken(i)).toArray();
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int node : onCycles) {
                for (int p : graphParents(node)) {
                    if (p >= 0 && erased[p] < erased[node]) {
                        erased[node] = erased[p];
                        changed = true;
                    }
                }
            }
        }
        return erased;
    }

    private LabelSet[] labels(int slot) {
        LabelSet[] labels = labelsBySlot.get(slot);
        if (labels == null) {
            synchronized (this) {
                labels = labelsBySlot.get(slot);
                if (labels == null) {
                    labels = computeLabels(slot);
                    labelsBySlot.set(slot, labels);
                }
            }
        }
        return labels;
    }

    private LabelSet[] computeLabels(int slot) {
        int words = engine.words();
        List<Category> categories = engine.bundle().taxonomy().categories();
        Map<LabelSet, LabelSet> interned = new HashMap<>();
        LabelSet[] own = new LabelSet[categories.size()];
        for (Category c : categories) {
            long[] bits = new long[words];
            bits[c.index() >>> 6] = 1L << c.index();
            own[c.index()] = intern(interned, new LabelSet(bits));
        }
        LabelSet[] labels = new LabelSet[graph.size()];
        long[] drop = new long[words];
        for (int node : topologicalOrder()) {
            if (graph.lineageBroken(node)) {
                continue;
            }
            Item x = graph.item(node);
            int[] parents = graphParents(node);
            if (parents.length == 0) {
                labels[node] = own[x.category().index()];
                continue;
            }
            Arrays.fill(drop, 0);
            for (Transform transform : x.transforms()) {
                long[] mask = engine.dropMask(slot, transform.index());
                for (int w = 0; w < words; w++) {
                    drop[w] |= mask[w];
                }
            }
            long[] bits = own[x.category().index()].bits.clone();
            for (int p : parents) {
                long[] inherited = labels[p].bits;
                for (int w = 0; w < words; w++) {
                    bits[w] |= inherited[w] & ~drop[w];
                }
            }
            labels[node] = intern(interned, new LabelSet(bits));
        }
        return labels;
    }

    private static LabelSet intern(Map<LabelSet, LabelSet> interned, LabelSet set) {
        LabelSet known = interned.putIfAbsent(set, set);
        return known == null ? set : known;
    }

    private int[] graphParents(int node) {
        return graph.parents(node);
    }

    private int[] topologicalOrder() {
        return graph.topologicalOrder();
    }
}
