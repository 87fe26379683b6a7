package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import dev.consentry.hash.KeyHash;
import dev.consentry.time.Instants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The consent history indexed for as-of queries.
 *
 * <p>Design: every question the engine asks is "the latest X at or before τ" or "the earliest X".
 * Events are grouped by what they are about (account, group or user, and setting), each group
 * sorted by time into parallel primitive arrays, so a question is two or three hash lookups on
 * strings whose hash codes are cached, then a binary search over a {@code long[]}. Earliest
 * acknowledgement, objection and erasure times are folded to one number per key at build time.
 * Events with equal times keep their recording order, so the later-recorded one is the latest.
 */
public final class EventIndex implements ConsentState {
    private final SettingsCatalog catalog;
    private final Map<String, AccountHistory> accounts;
    private final Notices notices;
    private final Map<String, Long> erasures;
    private final String head;

    private EventIndex(Builder b) {
        // The chain is one long sequence of hashes; it is computed beside the indexing, not after it.
        CompletableFuture<String> chain = CompletableFuture.supplyAsync(() -> {
            EventChain c = new EventChain();
            b.logs.forEach(c::append);
            return c.head();
        });
        this.catalog = b.catalog;
        this.accounts = new HashMap<>();
        this.erasures = new HashMap<>();
        List<Event.SettingChange> settings = new ArrayList<>();
        List<Event.Membership> memberships = new ArrayList<>();
        int kinds = catalog.notices().size();
        NoticeFolds noticeEvents = new NoticeFolds(b.logs.stream().mapToInt(EventLog::size).sum());
        for (EventLog log : b.logs) {
            for (int i = 0; i < log.size(); i++) {
                if (log.isNotice(i)) {
                    noticeEvents.add(log.meeting(i), log.user(i), (log.objection(i) ? kinds : 0) + log.notice(i).index(), log.at(i));
                    continue;
                }
                Event event = log.other(i);
                if (event instanceof Event.SettingChange s) {
                    settings.add(s);
                } else if (event instanceof Event.Membership m) {
                    memberships.add(m);
                } else if (event instanceof Event.Erasure e) {
                    erasures.merge(e.item(), Instants.nanos(e.at()), Math::min);
                }
            }
        }
        settings.sort(Comparator.comparing(Event::at));
        memberships.sort(Comparator.comparing(Event::at));
        for (Event.Membership m : memberships) {
            account(m.account()).user(m.user()).memberships.add(Instants.nanos(m.at()), m.group());
        }
        for (Event.SettingChange s : settings) {
            AccountHistory a = account(s.scope().account());
            int key = s.setting().index();
            History[] histories = switch (s.scope().level()) {
                case ACCOUNT -> a.settings = withRoom(a.settings, key);
                case GROUP -> a.groups.compute(s.scope().member().orElseThrow(), (g, level) -> withRoom(level, key));
                case USER -> {
                    UserHistory u = a.user(s.scope().member().orElseThrow());
                    yield u.settings = withRoom(u.settings, key);
                }
            };
            histories[key].add(Instants.nanos(s.at()), s.value(), s.locked());
        }
        for (AccountHistory a : accounts.values()) {
            for (UserHistory u : a.users.values()) {
                u.memberships.resolve(a.groups);
            }
        }
        this.notices = noticeEvents.fold(kinds);
        this.head = chain.join();
    }

    /**
     * Acknowledgements and objections as they are recorded, in columns, then grouped by meeting
     * with a counting sort and folded into {@link Notices}. A map per meeting and an array per
     * participant, made while folding, were most of indexing two million notice events and lived
     * long enough for the collector to copy them.
     */
    private static final class NoticeFolds {
        private final MeetingNumbers meetings = new MeetingNumbers();
        private final int[] meeting;
        private final String[] user;
        /** Which first: notice kind n acknowledged, or {@code kinds + n} objected. */
        private final int[] slot;
        private final long[] at;
        private int size;

        /**
         * Room for every one of a history's {@code events}: most of them are notices, and columns
         * grown by doubling copied them all again and again.
         */
        NoticeFolds(int events) {
            meeting = new int[events];
            user = new String[events];
            slot = new int[events];
            at = new long[events];
        }

        void add(String meetingName, String userName, int firstSlot, long time) {
            meeting[size] = meetings.number(meetingName);
            user[size] = userName;
            slot[size] = firstSlot;
            at[size] = time;
            size++;
        }

        /** Groups the events by meeting, each meeting's by participant, and keeps each participant's firsts. */
        Notices fold(int kinds) {
            int count = meetings.size();
            int[] start = new int[count + 1];
            for (int i = 0; i < size; i++) {
                start[meeting[i] + 1]++;
            }
            for (int m = 0; m < count; m++) {
                start[m + 1] += start[m];
            }
            int[] next = Arrays.copyOf(start, count);
            int[] grouped = new int[size];
            for (int i = 0; i < size; i++) {
                grouped[next[meeting[i]]++] = i;
            }
            int[] participantStart = new int[count + 1];
            for (int m = 0; m < count; m++) {
                sortByUser(grouped, start[m], start[m + 1]);
                participantStart[m + 1] = participantStart[m] + participants(grouped, start[m], start[m + 1]);
            }
            String[] users = new String[participantStart[count]];
            long cells = (long) users.length * 2 * kinds;
            if (cells > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(users.length + " meeting participants with " + kinds
                        + " notice kinds each are more first acknowledgements and objections than one index holds");
            }
            long[] firsts = new long[(int) cells];
            Arrays.fill(firsts, Long.MAX_VALUE);
            for (int m = 0; m < count; m++) {
                int p = participantStart[m] - 1;
                for (int i = start[m]; i < start[m + 1]; i++) {
                    int event = grouped[i];
                    if (i == start[m] || !user[event].equals(users[p])) {
                        users[++p] = user[event];
                    }
                    int k = p * 2 * kinds + slot[event];
                    firsts[k] = Math.min(firsts[k], at[event]);
                }
            }
            return new Notices(kinds, meetings, participantStart, users, firsts);
        }

        private int participants(int[] grouped, int from, int to) {
            int participants = 0;
            for (int i = from; i < to; i++) {
                if (i == from || !user[grouped[i]].equals(user[grouped[i - 1]])) {
                    participants++;
                }
            }
            return participants;
        }

        /**
         * Sorts events {@code grouped[from .. to)} by participant, in the order of
         * {@link Notices#compare}. A meeting mostly has a handful
         * of events, which are sorted in place; a large one is sorted as boxed numbers.
         */
        private void sortByUser(int[] grouped, int from, int to) {
            if (to - from > 16) {
                Integer[] events = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    events[i - from] = grouped[i];
                }
                Arrays.sort(events, (a, b) -> Notices.compare(user[a], user[b]));
                for (int i = from; i < to; i++) {
                    grouped[i] = events[i - from];
                }
                return;
            }
            for (int i = from + 1; i < to; i++) {
                int event = grouped[i];
                int j = i;
                for (; j > from && Notices.compare(user[grouped[j - 1]], user[event]) > 0; j--) {
                    grouped[j] = grouped[j - 1];
                }
                grouped[j] = event;
            }
        }
    }

    /**
     * Meeting names numbered densely in the order first seen, found through an open-addressing
     * table probed linearly and at most half full. A map from each name to a boxed number was two
     * objects per meeting, at a million meetings two million for the collector to copy.
     */
    private static final class MeetingNumbers {
        private String[] names = new String[256];
        private int[] hashes = new int[256];
        /** A number plus one, or 0 for an empty slot. */
        private int[] table = new int[512];
        private int size;

        int size() {
            return size;
        }

        /** The number of a meeting, numbering it next if it is new. */
        int number(String name) {
            int hash = KeyHash.of(name);
            int slot = find(name, hash);
            if (table[slot] != 0) {
                return table[slot] - 1;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            names[size] = name;
            hashes[size] = hash;
            table[slot] = ++size;
            if (size * 2 > table.length) {
                table = new int[table.length * 2];
                for (int m = 0; m < size; m++) {
                    int s = hashes[m] & (table.length - 1);
                    while (table[s] != 0) {
                        s = (s + 1) & (table.length - 1);
                    }
                    table[s] = m + 1;
                }
            }
            return size - 1;
        }

        /** The number of a meeting; -1 if it has none. */
        int numberOf(String name) {
            return table[find(name, KeyHash.of(name))] - 1;
        }

        /** The slot that holds {@code name}, or the empty slot where it would go. */
        private int find(String name, int hash) {
            int mask = table.length - 1;
            int slot = hash & mask;
            for (int entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
                if (hashes[entry - 1] == hash && names[entry - 1].equals(name)) {
                    break;
                }
            }
            return slot;
        }
    }

    private AccountHistory account(String name) {
        return accounts.computeIfAbsent(name, n -> new AccountHistory());
    }

    public static Builder builder(SettingsCatalog catalog) {
        return new Builder(catalog);
    }

    @Override
    public SettingsCatalog catalog() {
        return catalog;
    }

    @Override
    public OwnerSettings owner(String account, Optional<String> owner) {
        AccountHistory a = accounts.get(account);
        return new Owner(a, a == null || owner.isEmpty() ? null : a.users.get(owner.get()));
    }

    /** An account's history and its owner's (null where none was recorded). */
    private final class Owner implements OwnerSettings {
        private final AccountHistory a;
        private final UserHistory u;

        Owner(AccountHistory a, UserHistory u) {
            this.a = a;
            this.u = u;
        }

        @Override
        public boolean settingOn(SettingDefinition setting, long at) {
            History[] groupSettings = u == null ? null : u.memberships.groupSettingsAt(at);
            return EventIndex.this.settingOn(setting.index(), a, groupSettings, u, at);
        }
    }

    /**
     * On when the setting and everything it requires are on by themselves; the account, group
     * and owner histories are resolved once and shared by all of them.
     */
    private boolean settingOn(int setting, AccountHistory a, History[] groupSettings, UserHistory u, long at) {
        for (int s : catalog.prerequisites(setting)) {
            if (!effectiveValue(s, a, groupSettings, u, at)) {
                return false;
            }
        }
        return true;
    }

    private boolean effectiveValue(int setting, AccountHistory a, History[] groupSettings, UserHistory u, long at) {
        if (a == null) {
            return catalog.settings().get(setting).defaultValue();
        }
        History accountLevel = at(a.settings, setting);
        int ai = accountLevel == null ? -1 : accountLevel.latest(at);
        if (ai >= 0 && accountLevel.locked[ai]) {
            return accountLevel.value[ai];
        }
        History groupLevel = at(groupSettings, setting);
        int gi = groupLevel == null ? -1 : groupLevel.latest(at);
        if (gi >= 0 && groupLevel.locked[gi]) {
            return groupLevel.value[gi];
        }
        History userLevel = u == null ? null : at(u.settings, setting);
        int ui = userLevel == null ? -1 : userLevel.latest(at);
        if (ui >= 0) {
            return userLevel.value[ui];
        }
        if (gi >= 0) {
            return groupLevel.value[gi];
        }
        if (ai >= 0) {
            return accountLevel.value[ai];
        }
        return catalog.settings().get(setting).defaultValue();
    }

    @Override
    public MeetingNotices meeting(String meeting) {
        return notices.meeting(meeting);
    }

    /**
     * Every meeting's notices: per participant, the first acknowledgement and the first objection
     * of each kind, all in one set of arrays. Arrays per meeting, and a map entry for each, were
     * five objects a meeting: a platform has a million meetings, and the collector walks every
     * object a build holds.
     */
    private static final class Notices {
        static final MeetingNotices NONE = new MeetingNotices() {
            @Override
            public long firstAcknowledged(String user, NoticeDefinition notice) {
                return Long.MAX_VALUE;
            }

            @Override
            public long firstObjected(String user, NoticeDefinition notice) {
                return Long.MAX_VALUE;
            }
        };
        final int kinds;
        final MeetingNumbers meetings;
        /** Meeting m's participants are {@code users[start[m] .. start[m + 1])}. */
        final int[] start;
        /** Each meeting's in the order of {@link #compare}: by hash, so that a lookup searches numbers, not strings. */
        final String[] users;
        final int[] hashes;
        /** For participant i: {@code firsts[i * 2k + n]} acknowledged kind n, {@code firsts[i * 2k + k + n]} objected. */
        final long[] firsts;

        Notices(int kinds, MeetingNumbers meetings, int[] start, String[] users, long[] firsts) {
            this.kinds = kinds;
            this.meetings = meetings;
            this.start = start;
            this.users = users;
            this.hashes = new int[users.length];
            for (int i = 0; i < users.length; i++) {
                hashes[i] = users[i].hashCode();
            }
            this.firsts = firsts;
        }

        static int compare(String a, String b) {
            int byHash = Integer.compare(a.hashCode(), b.hashCode());
            return byHash != 0 ? byHash : a.compareTo(b);
        }

        MeetingNotices meeting(String name) {
            int m = meetings.numberOf(name);
            return m < 0 ? NONE : new Meeting(this, start[m], start[m + 1]);
        }

        /** Participant {@code user}'s first of {@code slot} among {@code users[from .. to)}; {@link Long#MAX_VALUE} if none. */
        long first(int from, int to, String user, int slot) {
            int hash = user.hashCode();
            int i = Arrays.binarySearch(hashes, from, to, hash);
            if (i < 0) {
                return Long.MAX_VALUE;
            }
            while (i > from && hashes[i - 1] == hash) {
                i--;
            }
            for (; i < to && hashes[i] == hash; i++) {
                if (users[i].equals(user)) {
                    return firsts[i * 2 * kinds + slot];
                }
            }
            return Long.MAX_VALUE;
        }
    }

    /** One meeting's notices: its participants are {@code users[from .. to)} of {@code notices}. */
    private record Meeting(Notices notices, int from, int to) implements MeetingNotices {
        @Override
        public long firstAcknowledged(String user, NoticeDefinition notice) {
            return notices.first(from, to, user, notice.index());
        }

        @Override
        public long firstObjected(String user, NoticeDefinition notice) {
            return notices.first(from, to, user, notices.kinds + notice.index());
        }
    }

    @Override
    public long erasedAt(String item) {
        Long at = erasures.get(item);
        return at == null ? Long.MAX_VALUE : at;
    }

    @Override
    public Map<String, Long> erasures() {
        return Collections.unmodifiableMap(erasures);
    }

    @Override
    public String head() {
        return head;
    }

    /** Every value ever set for one scope and setting, oldest first. */
    private static final class History {
        long[] at = new long[2];
        boolean[] value = new boolean[2];
        boolean[] locked = new boolean[2];
        int size;

        void add(long time, boolean v, boolean l) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                value = Arrays.copyOf(value, size * 2);
                locked = Arrays.copyOf(locked, size * 2);
            }
            at[size] = time;
            value[size] = v;
            locked[size] = l;
            size++;
        }

        /** Index of the last entry with time ≤ τ, or -1. */
        int latest(long tau) {
            return lastAtOrBefore(at, size, tau);
        }
    }

    /** One user's groups over time, each with its settings (found once all events are indexed). */
    private static final class Memberships {
        long[] at = new long[1];
        String[] group = new String[1];
        History[][] groupSettings;
        int size;

        void add(long time, String g) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                group = Arrays.copyOf(group, size * 2);
            }
            at[size] = time;
            group[size] = g;
            size++;
        }

        void resolve(Map<String, History[]> groups) {
            groupSettings = new History[size][];
            for (int i = 0; i < size; i++) {
                groupSettings[i] = groups.get(group[i]);
            }
        }

        /** The settings of the group the user is in at τ; null outside any group, or for a group without settings. */
        History[] groupSettingsAt(long tau) {
            int i = lastAtOrBefore(at, size, tau);
            return i < 0 ? null : groupSettings[i];
        }
    }

    /** Binary search for the last index whose time is ≤ τ; ties resolve to the last recorded. */
    private static int lastAtOrBefore(long[] times, int size, long tau) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= tau) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * One level's settings (an account's, a group's, a user's), by setting index, up to the
     * highest index recorded at that level: most users are only ever members of groups, and a
     * full array per user, group and account of a catalog of 20,000 settings ran 80,000 members
     * out of memory (measured).
     */
    private static final History[] NO_SETTINGS = new History[0];

    /** The history of setting {@code index} at a level; null where none was recorded. */
    private static History at(History[] level, int index) {
        return level != null && index < level.length ? level[index] : null;
    }

    /** A level with room for setting {@code index}, and a history there. */
    private static History[] withRoom(History[] level, int index) {
        History[] room = level == null ? NO_SETTINGS : level;
        if (index >= room.length) {
            room = Arrays.copyOf(room, index + 1);
        }
        if (room[index] == null) {
            room[index] = new History();
        }
        return room;
    }

    private static final class AccountHistory {
        History[] settings = NO_SETTINGS;
        final Map<String, History[]> groups = new HashMap<>();
        final Map<String, UserHistory> users = new HashMap<>();

        UserHistory user(String name) {
            return users.computeIfAbsent(name, n -> new UserHistory());
        }
    }

    private static final class UserHistory {
        final Memberships memberships = new Memberships();
        History[] settings = NO_SETTINGS;
    }

    /** Collects events in recording order; {@link #build()} indexes them. */
    public static final class Builder {
        private final SettingsCatalog catalog;
        /** Every event recorded, in order. */
        private final List<EventLog> logs = new ArrayList<>();
        /** The last log, if this builder made it, where {@link #add(Event)} appends; null when a log was added after it. */
        private EventLog tail;

        private Builder(SettingsCatalog catalog) {
            this.catalog = requireNonNull(catalog, "catalog is null");
        }

        /** Records one event; it must use this builder's catalog's settings and notices. */
        public Builder add(Event event) {
            check(event);
            if (tail == null) {
                tail = new EventLog(16);
                logs.add(tail);
            }
            tail.add(event);
            return this;
        }

        /**
         * Records a log's events after those recorded so far; they must use this builder's catalog's
         * settings and notices, and the log must not change afterwards.
         */
        public Builder add(EventLog log) {
            for (NoticeDefinition notice : log.notices()) {
                requireFromCatalog(catalog.notices(), notice);
            }
            log.others().forEach(this::check);
            logs.add(log);
            tail = null;
            return this;
        }

        private void check(Event event) {
            Instants.nanos(event.at());
            if (event instanceof Event.SettingChange s) {
                requireFromCatalog(catalog.settings(), s.setting());
            } else if (event instanceof Event.NoticeAck a) {
                requireFromCatalog(catalog.notices(), a.notice());
            } else if (event instanceof Event.Objection o) {
                requireFromCatalog(catalog.notices(), o.notice());
            }
        }

        private static <T> void requireFromCatalog(List<T> known, T definition) {
            if (!known.contains(definition)) {
                throw new IllegalArgumentException(definition + " is not in this index's catalog");
            }
        }

        public EventIndex build() {
            return new EventIndex(this);
        }
    }
}
