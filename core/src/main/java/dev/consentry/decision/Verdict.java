package dev.consentry.decision;

import dev.consentry.consent.ConsentState;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.policy.Effect;
import java.util.Arrays;
import java.util.List;

/**
 * One decision's effect and reasons, without the item's id: a caller that decides millions of
 * nodes (a gate build) fills one verdict per thread again and again, so deciding allocates
 * nothing. {@link Decision} is the same answer as a value. Not thread-safe.
 */
public final class Verdict {
    private Reason[] denials = new Reason[8];
    private int denialCount;
    private Reason[] allows = new Reason[8];
    private int allowCount;
    // The node being decided and the requirements checked so far (by requirement id, up to 64).
    ItemBatch batch;
    int row;
    long created;
    long t;
    long evaluated;
    long satisfied;
    /** The number of the item's owner among its decider's owners. */
    int owner;
    /**
     * What the last decisions on this verdict's thread found, for the next: consecutive items
     * mostly share an owner and a meeting. The settings of the owner of that number, for that
     * decider; and for a meeting, subject list (of that batch) and notice kind, the latest
     * first acknowledgement among the subjects and the earliest first objection.
     */
    Decider ownerOf;
    int ownerNumber;
    ConsentState.OwnerSettings ownerSettings;
    Decider noticesOf;
    ItemBatch noticeBatch;
    int noticeMeeting;
    int noticeSubjects;
    NoticeDefinition notice;
    long latestAcknowledged;
    long earliestObjected;

    /** Starts a decision of the row of a batch, created at {@code created}, as of {@code t}, whose owner is number {@code owner}. */
    Verdict start(ItemBatch batch, int row, long created, long t, int owner) {
        this.batch = batch;
        this.row = row;
        this.owner = owner;
        this.created = created;
        this.t = t;
        denialCount = 0;
        allowCount = 0;
        evaluated = 0;
        satisfied = 0;
        return this;
    }

    void deny(Reason r) {
        if (denialCount == denials.length) {
            denials = Arrays.copyOf(denials, denialCount * 2);
        }
        denials[denialCount++] = r;
    }

    void allow(Reason r) {
        if (allowCount == allows.length) {
            allows = Arrays.copyOf(allows, allowCount * 2);
        }
        allows[allowCount++] = r;
    }

    public boolean allowed() {
        return denialCount == 0;
    }

    /** How many reasons the decision gives: its denial reasons, or what allowed each label. */
    public int reasons() {
        return allowed() ? allowCount : denialCount;
    }

    public Reason reason(int i) {
        if (i < 0 || i >= reasons()) {
            throw new IndexOutOfBoundsException(i);
        }
        return allowed() ? allows[i] : denials[i];
    }

    /** The decision as a value, for the item with this id. */
    public Decision toDecision(String item) {
        return allowed()
                ? new Decision(item, Effect.ALLOW, List.of(Arrays.copyOf(allows, allowCount)))
                : new Decision(item, Effect.DENY, List.of(Arrays.copyOf(denials, denialCount)));
    }
}
