package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.ConsentState;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.Requirement;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Transform;
import dev.consentry.time.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * And the consent state is asked for each owner's and each meeting's history once, by name
 * number, not by name for every check.
 *
 * <p>A caller that decides millions of nodes (a gate build) passes a {@link Verdict} of its own
 * thread to reuse, and nothing is allocated per decision; a caller that decides one node (an
 * explanation, a request) gets a {@link Decision}, the same answer as a value.
 */
public final class Decider {
    private static final Reason NOT_YET_CREATED = Reason.of(ReasonCode.NOT_YET_CREATED);
    private static final Reason ERASED = Reason.of(ReasonCode.ERASED);
    private static final Reason LINEAGE = Reason.of(ReasonCode.LINEAGE);

    private final DecisionEngine engine;
    private final ConsentState state;
    private final PolicyHistory history;
    private final ItemGraph graph;
    private final long[] lineageErasedAt;
    private final AtomicReferenceArray<Labels> labelsBySlot;
    private final Object[] slotLocks;
    /**
     * Owners (an account and an owner, or none) numbered densely in node order when the decider
     * is made, and their settings by that number, filled on first use; meetings' notices by the
     * meeting's name number, filled on first use too. A table of owners indexed by a hash of their
     * name numbers had a slot per name, meetings included (four times as many), and finding an
     * owner there was a cache miss and more: 29% of the consent-checked kernel at a million items.
     * Threads may race to fill a slot: each stores a whole object published through final fields.
     */
    private final int[] ownerOf;
    private final ConsentState.OwnerSettings[] owners;
    private final ConsentState.MeetingNotices[] meetings;
    /**
     * The plan of the purpose asked about last: a build asks about one purpose millions of times.
     * An immutable pair with final fields, so threads may race on the field and still see a whole pair.
     */
    private LastPlan lastPlan;

    private record LastPlan(Purpose purpose, PurposePlan plan) {}

    /**
     * Which settings requirements hold for each owner at {@link #memoAt}, by owner number: the
     * requirement's bit (ids below 32) in the high half once known, in the low half when it holds.
     * A build decides every item at one time t, and each of an owner's items asked whether a
     * setting was on at t, walking the account's, group's and owner's histories again, cache
     * misses all (a quarter of the consent-checked kernel at a million items). One word per owner
     * is read and written whole, so threads racing on it at worst lose a bit, which is found again.
     * Creation times differ from item to item and are looked up each time.
     */
    private final AtomicLongArray settingsAtT;
    /** The time {@link #settingsAtT} is for: the first a decision asks about (a build's only one); {@link #NO_TIME} till then. */
    private final AtomicLong memoAt = new AtomicLong(NO_TIME);
    private static final long NO_TIME = Long.MIN_VALUE;

    Decider(DecisionEngine engine, ItemGraph graph) {
        this.engine = engine;
        this.state = engine.state();
        this.history = engine.bundle().history();
        this.graph = requireNonNull(graph, "graph is null");
        // The erasures are folded on another core while this one numbers the owners: two passes over every node,
        // each on one thread, that a build otherwise waits for one after the other.
        ForkJoinTask<long[]> erasures = ForkJoinPool.commonPool().submit(() -> foldErasures(graph, state));
        this.ownerOf = new int[graph.size()];
        this.owners = new ConsentState.OwnerSettings[numberOwners(ownerOf)];
        this.lineageErasedAt = erasures.join();
        this.labelsBySlot = new AtomicReferenceArray<>(history.versions().size() + 1);
        this.slotLocks = IntStream.range(0, labelsBySlot.length()).mapToObj(slot -> new Object()).toArray();
        this.settingsAtT = new AtomicLongArray(owners.length);
        this.meetings = new ConsentState.MeetingNotices[graph.names().size()];
    }

    public ItemGraph graph() {
        return graph;
    }

    /**
     * Numbers each node's owner into {@code numbers}, densely in node order; returns how many
     * owners there are. Owners are found by their account's and owner's name numbers, packed in a
     * {@code long}, in an open-addressing table of primitives: a {@code HashMap} of boxed keys made
     * this pass 1–1.5 s of a 10M-item build, on one thread, where it is now about 0.15–0.2 s.
     */
    private int numberOwners(int[] numbers) {
        OwnerTable table = new OwnerTable();
        long last = 0;
        int lastNumber = -1;
        for (int node = 0; node < numbers.length; node++) {
            ItemBatch batch = graph.batch(node);
            int row = graph.row(node);
            long owner = (long) batch.accountName(row) << 32 | (batch.userName(row) & 0xFFFF_FFFFL);
            if (lastNumber < 0 || owner != last) {
                last = owner;
                lastNumber = table.number(owner);
            }
            numbers[node] = lastNumber;
        }
        return table.count;
    }

    /** Owners packed in a {@code long}, numbered densely as first seen; probed linearly, at most half full. */
    private static final class OwnerTable {
        private long[] keys = new long[1 << 10];
        /** An owner's number plus one; 0 marks an empty slot. */
        private int[] plusOne = new int[keys.length];
        private int count;

        int number(long owner) {
            int slot = find(owner, keys, plusOne);
            if (plusOne[slot] != 0) {
                return plusOne[slot] - 1;
            }
            keys[slot] = owner;
            plusOne[slot] = ++count;
            if (count * 2 > keys.length) {
                grow();
            }
            return count - 1;
        }

        /** The slot that holds {@code owner}, or the empty one it would take. */
        private static int find(long owner, long[] keys, int[] plusOne) {
            // The top bits of a multiplicative hash of the whole packed pair.
            int slot = (int) ((owner * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
            while (plusOne[slot] != 0 && keys[slot] != owner) {
                slot = (slot + 1) & (keys.length - 1);
            }
            return slot;
        }

        private void grow() {
            long[] grownKeys = new long[keys.length * 2];
            int[] grownPlusOne = new int[grownKeys.length];
            for (int k = 0; k < keys.length; k++) {
                if (plusOne[k] != 0) {
                    int slot = find(keys[k], grownKeys, grownPlusOne);
                    grownKeys[slot] = keys[k];
                    grownPlusOne[slot] = plusOne[k];
                }
            }
            keys = grownKeys;
            plusOne = grownPlusOne;
        }
    }

    /** Decides one node of the graph for a purpose at a time. */
    public Decision decide(int node, Purpose purpose, Instant at) {
        return decide(node, purpose, at, new Verdict()).toDecision(graph.id(node));
    }

    /** Decides one node into {@code verdict}, which it returns: the same answer, with nothing allocated. */
    public Verdict decide(int node, Purpose purpose, Instant at, Verdict verdict) {
        LastPlan last = lastPlan;
        if (last == null || last.purpose() != purpose) {
            last = new LastPlan(purpose, engine.plan(purpose));
            lastPlan = last;
        }
        return decide(node, last.plan(), Instants.nanos(at), verdict);
    }

    /**
     * Works out, on all cores, every node's labels under each policy version a decision at
     * {@code at} can consult: those in force at any creation time up to {@code at} (versions
     * whose declassify rules drop alike share one set, {@link DecisionEngine#labelSlot}). Without it
     * each version's labels are worked out by the first decision that needs them, one version
     * at a time on one thread while every other deciding thread waits for it; a gate build
     * calls this first.
     */
    public Decider prepare(Instant at) {
        IntStream.rangeClosed(0, slotAt(Instants.nanos(at))).map(engine::labelSlot).distinct().parallel().forEach(this::labels);
        return this;
    }

    /** The labels a node carries under the policy version in force at {@code at}; empty if its lineage is broken. */
    public List<Category> labels(int node, Instant at) {
        if (graph.lineageBroken(node)) {
            return List.of();
        }
        return labels(slotAt(Instants.nanos(at))).of(node).categories(engine.bundle().taxonomy().categories());
    }

    private Verdict decide(int node, PurposePlan plan, long t, Verdict v) {
        ItemBatch batch = graph.batch(node);
        int row = graph.row(node);
        long created = batch.created(row);
        v.start(batch, row, created, t, ownerOf[node]);
        if (created > t) {
            v.deny(NOT_YET_CREATED);
        } else if (lineageErasedAt[node] <= t) {
            v.deny(ERASED);
        } else if (graph.lineageBroken(node)) {
            v.deny(LINEAGE);
        } else {
            int createdSlot = slotAt(created);
            int decisionSlot = slotAt(t);
            apply(v, plan.outcomes[createdSlot], labels(createdSlot).of(node));
            if (decisionSlot != createdSlot) {
                apply(v, plan.outcomes[decisionSlot], labels(decisionSlot).of(node));
            }
        }
        return v;
    }

    private int slotAt(long at) {
        return history.indexInForce(at) + 1;
    }

    private void apply(Verdict v, PurposePlan.LabelOutcome[] outcomes, LabelSet labels) {
        for (int label : labels.members) {
            PurposePlan.LabelOutcome o = outcomes[label];
            if (o.denials.length > 0) {
                for (Reason r : o.denials) {
                    v.deny(r);
                }
            } else if (o.allows.length > 0) {
                applyAllowRules(v, o.allows);
            } else if (o.fallbackAllows) {
                v.allow(o.fallback);
            } else {
                v.deny(o.fallback);
            }
        }
    }

    private void applyAllowRules(Verdict v, PurposePlan.AllowRule[] rules) {
        for (PurposePlan.AllowRule rule : rules) {
            if (allMet(v, rule)) {
                v.allow(rule.allowed);
                return;
            }
        }
        for (PurposePlan.AllowRule rule : rules) {
            for (int k = 0; k < rule.requirements.length; k++) {
                if (!met(v, rule.requirementIds[k], rule.requirements[k])) {
                    v.deny(rule.unmet[k]);
                }
            }
        }
    }

    private boolean allMet(Verdict v, PurposePlan.AllowRule rule) {
        for (int k = 0; k < rule.requirements.length; k++) {
            if (!met(v, rule.requirementIds[k], rule.requirements[k])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a requirement holds, each checked at most once per decision. */
    private boolean met(Verdict v, int id, Requirement requirement) {
        if (id >= 64) {
            return check(v, id, requirement);
        }
        long bit = 1L << id;
        if ((v.evaluated & bit) == 0) {
            v.evaluated |= bit;
            if (check(v, id, requirement)) {
                v.satisfied |= bit;
            }
        }
        return (v.satisfied & bit) != 0;
    }

    private boolean check(Verdict v, int id, Requirement requirement) {
        ItemBatch batch = v.batch;
        int row = v.row;
        if (requirement instanceof Requirement.Setting s) {
            ConsentState.OwnerSettings owner = owner(v);
            return onAtT(v, owner, id, s.setting()) && owner.settingOn(s.setting(), v.created);
        }
        if (requirement instanceof Requirement.Notice n) {
            return noticed(v, n);
        }
        return batch.transformSets.get(batch.transformSetOf(row)).contains(((Requirement.Transformed) requirement).transform());
    }

    /**
     * Every subject acknowledged the notice in the item's meeting before its creation, and none
     * had objected by t: the latest first acknowledgement is at or before creation and the
     * earliest first objection after t.
     */
    private boolean noticed(Verdict v, Requirement.Notice n) {
        ItemBatch batch = v.batch;
        int meetingName = batch.meetingName(v.row);
        int list = batch.subjectListOf(v.row);
        if (meetingName == ItemBatch.NONE || batch.subjectFrom(v.row) == batch.subjectTo(v.row)) {
            return false;
        }
        if (v.noticesOf != this || v.noticeBatch != batch || v.noticeMeeting != meetingName || v.noticeSubjects != list
                || v.notice != n.notice()) {
            long latestAcknowledged = Long.MIN_VALUE;
            long earliestObjected = Long.MAX_VALUE;
            ConsentState.MeetingNotices meeting = meeting(batch, meetingName);
            for (int s = batch.subjectFrom(v.row); s < batch.subjectTo(v.row); s++) {
                String subject = batch.names.name(batch.subjectName(s));
                latestAcknowledged = Math.max(latestAcknowledged, meeting.firstAcknowledged(subject, n.notice()));
                earliestObjected = Math.min(earliestObjected, meeting.firstObjected(subject, n.notice()));
            }
            v.noticesOf = this;
            v.noticeBatch = batch;
            v.noticeMeeting = meetingName;
            v.noticeSubjects = list;
            v.notice = n.notice();
            v.latestAcknowledged = latestAcknowledged;
            v.earliestObjected = earliestObjected;
        }
        return v.latestAcknowledged <= v.created && v.earliestObjected > v.t;
    }

    private ConsentState.MeetingNotices meeting(ItemBatch batch, int meetingName) {
        ConsentState.MeetingNotices meeting = meetingName < meetings.length ? meetings[meetingName] : null;
        if (meeting == null) {
            meeting = state.meeting(batch.names.name(meetingName));
            if (meetingName < meetings.length) {
                meetings[meetingName] = meeting;
            }
        }
        return meeting;
    }

    private ConsentState.OwnerSettings owner(Verdict v) {
        if (v.ownerOf == this && v.ownerNumber == v.owner) {
            return v.ownerSettings;
        }
        ConsentState.OwnerSettings settings = owners[v.owner];
        if (settings == null) {
            ItemBatch batch = v.batch;
            settings = state.owner(batch.names.name(batch.accountName(v.row)), batch.optional(batch.userName(v.row)));
            owners[v.owner] = settings;
        }
        v.ownerOf = this;
        v.ownerNumber = v.owner;
        v.ownerSettings = settings;
        return settings;
    }

    /** Whether the verdict's owner has the setting on at the verdict's t; remembered at {@link #memoAt}. */
    private boolean onAtT(Verdict v, ConsentState.OwnerSettings owner, int id, SettingDefinition setting) {
        long at = memoAt.get();
        if (at == NO_TIME) {
            memoAt.compareAndSet(NO_TIME, v.t);
            at = memoAt.get();
        }
        if (id >= 32 || v.t != at || at == NO_TIME) {
            return owner.settingOn(setting, v.t);
        }
        long bit = 1L << id;
        long known = settingsAtT.get(v.owner);
        if ((known & bit << 32) != 0) {
            return (known & bit) != 0;
        }
        boolean on = owner.settingOn(setting, v.t);
        settingsAtT.set(v.owner, known | bit << 32 | (on ? bit : 0));
        return on;
    }

    /**
     * Each node's earliest erasure over itself and all its ancestors (unknown parents included,
     * by id): erasures are looked up by id once each, then folded parents-first, and over the few
     * nodes on or below a cycle, which no topological order reaches, by {@link #foldErasuresOnCycles}.
     */
    private static long[] foldErasures(ItemGraph graph, ConsentState state) {
        int n = graph.size();
        long[] erased = new long[n];
        Arrays.fill(erased, Long.MAX_VALUE);
        state.erasures().forEach((id, at) -> graph.node(id).ifPresent(node -> erased[node] = at));
        int[] parentStart = graph.parentStart;
        int[] parents = graph.parents;
        for (int i = 0, ordered = graph.orderedSize(); i < ordered; i++) {
            int node = graph.ordered(i);
            long earliest = erased[node];
            for (int k = parentStart[node]; k < parentStart[node + 1]; k++) {
                int p = parents[k];
                earliest = Math.min(earliest, p == ItemGraph.UNKNOWN ? state.erasedAt(graph.unknownParentId(k)) : erased[p]);
            }
            erased[node] = earliest;
        }
        foldErasuresOnCycles(graph, state, erased);
        return erased;
    }

    /**
     * Folds erasures into the broken nodes (on or below a cycle, or below an unknown parent): each
     * starts from its own erasure and its parents', then values flow to broken children, earliest
     * first, each node taking the first that reaches it, which is the earliest over its
     * ancestors. Repeating passes until nothing changed moved an erasure one node a pass, and a
     * chain of 200,000 items below a cycle, children listed first, took a minute (measured).
     */
    private static void foldErasuresOnCycles(ItemGraph graph, ConsentState state, long[] erased) {
        int[] broken = IntStream.range(0, graph.size()).filter(graph::lineageBroken).toArray();
        if (broken.length == 0) {
            return;
        }
        int[] parentStart = graph.parentStart;
        int[] parents = graph.parents;
        long[] start = new long[broken.length];
        int[] childCount = new int[broken.length + 1];
        // Each broken node's broken parents, by their place in broken, in edge order.
        int[] brokenParentFrom = new int[broken.length + 1];
        int[] brokenParents = new int[0];
        int brokenEdges = 0;
        for (int b = 0; b < broken.length; b++) {
            int node = broken[b];
            long earliest = erased[node];
            for (int k = parentStart[node]; k < parentStart[node + 1]; k++) {
                int p = parents[k];
                earliest = Math.min(earliest, p == ItemGraph.UNKNOWN ? state.erasedAt(graph.unknownParentId(k)) : erased[p]);
                int parent = p == ItemGraph.UNKNOWN ? -1 : Arrays.binarySearch(broken, p);
                if (parent >= 0) {
                    childCount[parent + 1]++;
                    if (brokenEdges == brokenParents.length) {
                        brokenParents = Arrays.copyOf(brokenParents, Math.max(16, brokenEdges * 2));
                    }
                    brokenParents[brokenEdges++] = parent;
                }
            }
            brokenParentFrom[b + 1] = brokenEdges;
            start[b] = earliest;
        }
        // Broken children of each broken node, compressed: children of b are children[childFrom[b] .. childFrom[b+1]).
        int[] childFrom = childCount;
        for (int b = 0; b < broken.length; b++) {
            childFrom[b + 1] += childFrom[b];
        }
        int[] children = new int[childFrom[broken.length]];
        int[] fill = Arrays.copyOf(childFrom, broken.length);
        for (int b = 0; b < broken.length; b++) {
            for (int e = brokenParentFrom[b]; e < brokenParentFrom[b + 1]; e++) {
                children[fill[brokenParents[e]]++] = b;
            }
        }
        Integer[] byStart = IntStream.range(0, broken.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byStart, (a, b) -> Long.compare(start[a], start[b]));
        boolean[] reached = new boolean[broken.length];
        int[] stack = new int[broken.length];
        for (int source : byStart) {
            if (reached[source]) {
                continue;
            }
            reached[source] = true;
            int depth = 0;
            stack[depth++] = source;
            while (depth > 0) {
                int b = stack[--depth];
                erased[broken[b]] = start[source];
                for (int c = childFrom[b]; c < childFrom[b + 1]; c++) {
                    if (!reached[children[c]]) {
                        reached[children[c]] = true;
                        stack[depth++] = children[c];
                    }
                }
            }
        }
    }

    /** Every node's label set under one version slot: a number into a table of the distinct sets. */
    private record Labels(SetNumbers ids, LabelSet[] sets) {
        LabelSet of(int node) {
            return sets[ids.get(node)];
        }
    }

    /**
     * A number per node, one byte each while every number is below 256, as the label sets of a
     * build are (a few dozen distinct sets), else four: at ten million items a slot's numbers are
     * 10 MB rather than 40, and fresh memory is dear on the machines measured (docs/benchmarks.md,
     * seventh round).
     */
    private static final class SetNumbers {
        private byte[] narrow;
        private int[] wide;

        SetNumbers(int nodes) {
            narrow = new byte[nodes];
        }

        int get(int node) {
            return wide == null ? narrow[node] & 0xFF : wide[node];
        }

        void set(int node, int number) {
            if (wide == null && number > 0xFF) {
                wide = new int[narrow.length];
                for (int i = 0; i < narrow.length; i++) {
                    wide[i] = narrow[i] & 0xFF;
                }
                narrow = null;
            }
            if (wide == null) {
                narrow[node] = (byte) number;
            } else {
                wide[node] = number;
            }
        }
    }

    private Labels labels(int versionSlot) {
        int slot = engine.labelSlot(versionSlot);
        Labels labels = labelsBySlot.get(slot);
        if (labels == null) {
            // One lock per slot, so that slots are worked out in parallel.
            synchronized (slotLocks[slot]) {
                labels = labelsBySlot.get(slot);
                if (labels == null) {
                    labels = computeLabels(slot);
                    labelsBySlot.set(slot, labels);
                }
            }
        }
        return labels;
    }

    private Labels computeLabels(int slot) {
        int words = engine.words();
        List<Category> categories = engine.bundle().taxonomy().categories();
        LabelSets sets = new LabelSets();
        int[] own = new int[categories.size()];
        for (Category c : categories) {
            long[] bits = new long[words];
            bits[c.index() >>> 6] = 1L << c.index();
            own[c.index()] = sets.intern(bits);
        }
        SetNumbers ids = new SetNumbers(graph.size());
        long[] drop = new long[words];
        long[] bits = new long[words];
        int[] parentStart = graph.parentStart;
        int[] parents = graph.parents;
        for (int i = 0, ordered = graph.orderedSize(); i < ordered; i++) {
            int node = graph.ordered(i);
            if (graph.lineageBroken(node)) {
                continue;
            }
            ItemBatch batch = graph.batch(node);
            int row = graph.row(node);
            int ownId = own[batch.categoryIndex(row)];
            if (parentStart[node] == parentStart[node + 1]) {
                ids.set(node, ownId);
                continue;
            }
            Arrays.fill(drop, 0);
            Set<Transform> transforms = batch.transformSets.get(batch.transformSetOf(row));
            // Most derived items have no transform, and iterating an empty set still made an iterator each.
            if (!transforms.isEmpty()) {
                for (Transform transform : transforms) {
                    long[] mask = engine.dropMask(slot, transform.index());
                    for (int w = 0; w < words; w++) {
                        drop[w] |= mask[w];
                    }
                }
            }
            System.arraycopy(sets.bits(ownId), 0, bits, 0, words);
            for (int k = parentStart[node]; k < parentStart[node + 1]; k++) {
                long[] inherited = sets.bits(ids.get(parents[k]));
                for (int w = 0; w < words; w++) {
                    bits[w] |= inherited[w] & ~drop[w];
                }
            }
            ids.set(node, sets.intern(bits));
        }
        return new Labels(ids, sets.sets.toArray(new LabelSet[0]));
    }

    /**
     * The distinct label sets of one version slot, numbered: an open-addressing table over the
     * sets' bits, so finding a set that exists (nearly every node) allocates nothing.
     */
    private static final class LabelSets {
        private final List<LabelSet> sets = new ArrayList<>();
        private int[] slots = new int[64];

        int intern(long[] bits) {
            int mask = slots.length - 1;
            int slot = home(bits, mask);
            for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask) {
                if (Arrays.equals(sets.get(entry - 1).bits, bits)) {
                    return entry - 1;
                }
            }
            sets.add(new LabelSet(bits.clone()));
            slots[slot] = sets.size();
            if (sets.size() * 2 > mask) {
                slots = new int[slots.length * 2];
                for (int id = 0; id < sets.size(); id++) {
                    int s = home(sets.get(id).bits, slots.length - 1);
                    while (slots[s] != 0) {
                        s = (s + 1) & (slots.length - 1);
                    }
                    slots[s] = id + 1;
                }
            }
            return sets.size() - 1;
        }

        long[] bits(int id) {
            return sets.get(id).bits;
        }

        /**
         * A set's first slot, from every bit of its hash: the slot was once the hash's bits 16 and
         * up, 65,536 places at most, and past that many sets (131,072 items each with a set of its
         * own) finding one took longer than deciding (measured).
         */
        private static int home(long[] bits, int mask) {
            return ItemBatch.spread(Arrays.hashCode(bits)) & mask;
        }
    }
}
