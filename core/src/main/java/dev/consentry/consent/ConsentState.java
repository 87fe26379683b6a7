package dev.consentry.consent;

import java.util.Map;
import java.util.Optional;

/**
 * The consent history as of any time: what the decision engine asks of settings, notices and
 * erasures. Times are epoch nanoseconds (see {@link dev.consentry.time.Instants}); every query is
 * inclusive, "at or before τ". Implementations answer from an index, never by scanning history:
 * the engine asks several questions per decision and decides millions of items per build.
 *
 * <p>{@link EventIndex} is the implementation; an events file and a ledger both feed it events.
 * Implementations are safe for concurrent reads: the engine asks from every core at once.
 */
public interface ConsentState {
    SettingsCatalog catalog();

    /**
     * Whether {@code setting} is on at {@code at} for the account and the item's owner: its
     * effective value is true and every setting it requires is on. The effective value comes from
     * the latest value set at {@code account:A}, {@code group:A/G} (G the owner's group at that
     * time) and {@code user:A/U}: a locked one wins, the highest level first; else the most
     * specific one set; else the catalog default. Without an owner only the account level counts.
     */
    default boolean settingOn(SettingDefinition setting, String account, Optional<String> owner, long at) {
        return owner(account, owner).settingOn(setting, at);
    }

    /** When {@code user} first acknowledged a notice of this kind in the meeting; {@link Long#MAX_VALUE} if never. */
    default long firstAcknowledged(String meeting, String user, NoticeDefinition notice) {
        return meeting(meeting).firstAcknowledged(user, notice);
    }

    /** When {@code user} first objected to a notice of this kind in the meeting; {@link Long#MAX_VALUE} if never. */
    default long firstObjected(String meeting, String user, NoticeDefinition notice) {
        return meeting(meeting).firstObjected(user, notice);
    }

    /**
     * The settings history of one account and owner (or the account alone), found once: a build
     * asks about each owner for thousands of items, and finding the owner by name was most of a
     * decision that checks consent (docs/benchmarks.md).
     */
    OwnerSettings owner(String account, Optional<String> owner);

    /** The notices of one meeting, found once, as {@link #owner} finds an owner. */
    MeetingNotices meeting(String meeting);

    /** {@link #settingOn} for one account and owner. */
    interface OwnerSettings {
        boolean settingOn(SettingDefinition setting, long at);
    }

    /** {@link #firstAcknowledged} and {@link #firstObjected} for one meeting. */
    interface MeetingNotices {
        long firstAcknowledged(String user, NoticeDefinition notice);

        long firstObjected(String user, NoticeDefinition notice);
    }

    /** When the item was first erased; {@link Long#MAX_VALUE} if never. */
    long erasedAt(String item);

    /** Every erased item's id and when it was first erased: a build visits erasures, not items. */
    Map<String, Long> erasures();

    /** The hash naming this state: the head of the hash chain over every event, in recording order. */
    String head();
}
