package dev.consentry.synthetic;

import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Transform;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One account of the synthetic platform, from its people and settings history to the last item
 * of its last meeting.
 *
 * <p>The story the probabilities tell: about a third of accounts never turn the AI features on;
 * the rest turn on meeting summary (a quarter of all accounts chat compose too) sometime in July
 * or early August, most of them also flip the "share data for training" switch a few days later,
 * and many of those turn it back off in the week after August 7, when the terms made the news.
 * Groups lock the training switch off (legal departments do), users override for themselves, a
 * few features are switched off again late in August, and some accounts set the training switch
 * without ever turning its feature on (it counts for nothing). In meetings with AI processing,
 * almost every participant acknowledges the notice when joining, a few close it without
 * acknowledging, and a few object, some of them days later. A few content items in a thousand
 * are erased within weeks, and an audio's erasure takes its transcript and summary with it through
 * lineage. The rates were chosen so that a few hundred thousand items show every outcome of the
 * decision semantics many times over.
 */
final class AccountGenerator {
    static final long WINDOW_START = Instant.parse("2023-07-17T00:00:00Z").getEpochSecond();
    static final long WINDOW_END = Instant.parse("2023-09-01T00:00:00Z").getEpochSecond();
    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final long JULY_1 = Instant.parse("2023-07-01T00:00:00Z").getEpochSecond();
    private static final long JULY_3 = Instant.parse("2023-07-03T00:00:00Z").getEpochSecond();
    private static final long AUGUST_1 = Instant.parse("2023-08-01T00:00:00Z").getEpochSecond();
    private static final long AUGUST_7 = Instant.parse("2023-08-07T00:00:00Z").getEpochSecond();
    private static final long AUGUST_10 = Instant.parse("2023-08-10T00:00:00Z").getEpochSecond();
    private static final long AUGUST_14 = Instant.parse("2023-08-14T00:00:00Z").getEpochSecond();
    private static final long AUGUST_15 = Instant.parse("2023-08-15T00:00:00Z").getEpochSecond();

    /**
     * Items an average meeting yields, with its share of the day's usage statistics, diagnostics
     * and the account's profiles, so that an account's planned size sets its meeting rate:
     * measured 8.2 on one million items and 8.1 on five million (seed 1).
     */
    static final double ITEMS_PER_MEETING = 8.1;
    private static final double WEEKEND_SHARE = 0.15;
    private static final double ERASURE_RATE = 0.004;
    private static final int USAGE_PARENTS = 6;

    private enum Adoption { NONE, SUMMARY, SUMMARY_AND_COMPOSE }

    private final String account;
    private final Draw draw;
    private final Vocabulary v;
    private final double faultRate;
    private final Sink sink;
    private final Ids ids;
    private final long plannedItems;
    private final List<String> users = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private EventIndex history;
    private final String[] daySample = new String[USAGE_PARENTS];
    private int daySeen;

    AccountGenerator(int index, Draw draw, Vocabulary vocabulary, PlatformSpec spec, Sink sink, Ids ids, long meanItems) {
        this.draw = draw;
        this.v = vocabulary;
        this.faultRate = spec.lineageFaultRate();
        this.sink = sink;
        this.ids = ids;
        this.account = draw.pick(Names.COMPANIES) + "-" + (index + 1);
        this.plannedItems = Math.max(meanItems / 8, Math.min(meanItems * 5, (long) draw.exponential(meanItems)));
    }

    void run() {
        List<Event> planned = new ArrayList<>();
        List<Item> profiles = people(planned);
        settings(planned);
        planned.sort(Comparator.comparing(Event::at));
        EventIndex.Builder index = EventIndex.builder(v.catalog);
        for (Event e : planned) {
            sink.event(e);
            index.add(e);
        }
        history = index.build();
        for (Item profile : profiles) {
            if (sink.item(profile) && draw.chance(0.01)) {
                erase(profile.id(), between(WINDOW_START, WINDOW_END));
            }
        }
        for (long month : new long[] {JULY_1, AUGUST_1}) {
            sink.item(item(account + "/billing/" + LocalDate.ofEpochDay(month / DAY).toString().substring(0, 7),
                    v.billing, month + draw.between(0, 6 * HOUR), Optional.empty(), Optional.empty(),
                    List.of(users.get(0)), List.of(), Set.of()));
        }
        days();
    }

    /** Users and groups, each user's membership and profile; everyone joined before the window opens. */
    private List<Item> people(List<Event> planned) {
        long created = WINDOW_START - draw.between(20 * DAY, 400 * DAY);
        int userCount = (int) Math.max(3, Math.round(plannedItems / 110.0));
        String[] shuffled = Names.GROUPS.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = draw.below(i + 1);
            String t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        groups.addAll(Arrays.asList(shuffled).subList(0, Math.min(shuffled.length, 1 + userCount / 20)));
        List<Item> profiles = new ArrayList<>(userCount);
        for (int i = 0; i < userCount; i++) {
            String user = ids.user(draw.pick(Names.FIRST_NAMES));
            users.add(user);
            long joined = i < 2 ? created + i : between(created, WINDOW_START - DAY);
            planned.add(new Event.Membership(Instant.ofEpochSecond(joined), account, user, draw.pick(groups)));
            if (groups.size() > 1 && draw.chance(0.04)) {
                planned.add(new Event.Membership(Instant.ofEpochSecond(between(WINDOW_START, WINDOW_END)), account, user,
                        draw.pick(groups)));
            }
            profiles.add(item(user + "/profile", v.profile, joined, Optional.of(user), Optional.empty(), List.of(user),
                    List.of(), Set.of()));
        }
        return profiles;
    }

    private void settings(List<Event> planned) {
        double a = draw.uniform();
        Adoption adoption = a < 0.30 ? Adoption.NONE : a < 0.75 ? Adoption.SUMMARY : Adoption.SUMMARY_AND_COMPOSE;
        if (adoption == Adoption.NONE) {
            if (draw.chance(0.15)) {
                admin(planned, between(JULY_3, AUGUST_15), v.summaryShare, true, false);
            }
        } else {
            feature(planned, v.summaryEnabled, v.summaryShare);
            if (adoption == Adoption.SUMMARY_AND_COMPOSE) {
                feature(planned, v.composeEnabled, v.composeShare);
            }
            if (groups.size() > 1 && draw.chance(0.35)) {
                group(planned, draw.pick(groups), between(WINDOW_START, AUGUST_10), v.summaryShare, false, true);
            }
            if (groups.size() > 1 && draw.chance(0.15)) {
                group(planned, draw.pick(groups), between(JULY_3, AUGUST_15), v.summaryEnabled, false, false);
            }
        }
        for (String user : users) {
            if (draw.chance(0.04)) {
                long on = between(JULY_3, AUGUST_15);
                member(planned, user, on, v.summaryEnabled, true);
                if (draw.chance(0.5)) {
                    member(planned, user, on + draw.between(0, 3 * DAY), v.summaryShare, true);
                }
            }
            if (draw.chance(0.05)) {
                member(planned, user, between(JULY_3, WINDOW_END), v.summaryShare, false);
            }
            if (draw.chance(0.02)) {
                member(planned, user, between(JULY_3, WINDOW_END), v.summaryEnabled, false);
            }
            if (adoption == Adoption.SUMMARY_AND_COMPOSE && draw.chance(0.04)) {
                member(planned, user, between(JULY_3, WINDOW_END), v.composeShare, false);
            }
        }
    }

    /** An account turns a feature on, maybe shares for training, maybe stops after the news, maybe turns it off. */
    private void feature(List<Event> planned, SettingDefinition enabled, SettingDefinition share) {
        long on = between(JULY_3, AUGUST_15);
        admin(planned, on, enabled, true, draw.chance(0.2));
        if (draw.chance(0.6)) {
            long shared = on + draw.between(0, 8 * DAY);
            admin(planned, shared, share, true, false);
            if (draw.chance(0.4)) {
                long stopped = Math.max(shared + HOUR, between(AUGUST_7 + 9 * HOUR, AUGUST_14));
                admin(planned, stopped, share, false, draw.chance(0.5));
            }
        }
        if (draw.chance(0.08)) {
            admin(planned, between(Math.max(on + DAY, AUGUST_15), WINDOW_END), enabled, false, false);
        }
    }

    private void admin(List<Event> planned, long at, SettingDefinition setting, boolean value, boolean locked) {
        boolean owner = users.size() < 2 || draw.chance(0.5);
        planned.add(new Event.SettingChange(Instant.ofEpochSecond(at), users.get(owner ? 0 : 1),
                owner ? "account_owner" : "account_admin", Scope.account(account), setting, value, locked));
    }

    private void group(List<Event> planned, String group, long at, SettingDefinition setting, boolean value, boolean locked) {
        planned.add(new Event.SettingChange(Instant.ofEpochSecond(at), draw.pick(users), "group_admin",
                Scope.group(account, group), setting, value, locked));
    }

    private void member(List<Event> planned, String user, long at, SettingDefinition setting, boolean value) {
        planned.add(new Event.SettingChange(Instant.ofEpochSecond(at), user, "member", Scope.user(account, user), setting,
                value, false));
    }

    /** Day by day, meetings in order of start; weekends are quiet. */
    private void days() {
        double weekdays = 0;
        for (long day = WINDOW_START; day < WINDOW_END; day += DAY) {
            weekdays += weekend(day) ? WEEKEND_SHARE : 1;
        }
        double perWeekday = plannedItems / ITEMS_PER_MEETING / weekdays;
        for (long day = WINDOW_START; day < WINDOW_END && !sink.full(); day += DAY) {
            long[] starts = new long[draw.poisson(perWeekday * (weekend(day) ? WEEKEND_SHARE : 1))];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = day + 6 * HOUR + MINUTE * draw.below(14 * 60);
            }
            Arrays.sort(starts);
            daySeen = 0;
            for (long start : starts) {
                meeting(start);
            }
            usage(day);
            diagnostics(day);
        }
    }

    private static boolean weekend(long day) {
        DayOfWeek d = LocalDate.ofEpochDay(day / DAY).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private void meeting(long start) {
        if (sink.full()) {
            return;
        }
        String meeting = ids.meeting();
        String host = users.get((int) (Math.pow(draw.uniform(), 2) * users.size()));
        List<String> participants = participants(host);
        long end = start + MINUTE * (15 + 5 * draw.between(0, 15));
        Optional<String> owner = Optional.of(host);
        Optional<String> in = Optional.of(meeting);
        boolean ai = history.settingOn(v.summaryEnabled, account, owner, start * 1_000_000_000L);
        boolean compose = history.settingOn(v.composeEnabled, account, owner, end * 1_000_000_000L);
        if (ai) {
            notices(meeting, participants, start, end);
        }

        String audio = meeting + "/audio";
        if (content(audio, v.audio, end, owner, in, participants, List.of())) {
            sample(audio);
        }
        if (ai || draw.chance(0.25)) {
            String transcript = meeting + "/transcript";
            long transcribed = end + MINUTE * draw.between(2, 6);
            boolean lost = ai && draw.chance(faultRate);
            if (!lost) {
                content(transcript, v.transcript, transcribed, owner, in, participants, List.of(audio));
            }
            if (ai && content(meeting + "/summary", v.meetingSummary, transcribed + MINUTE * draw.between(1, 3), owner, in,
                    participants, List.of(transcript)) && lost) {
                sink.lineageFault();
            }
        }
        if (draw.chance(0.7)) {
            content(meeting + "/video", v.video, end, owner, in, participants, List.of());
        }
        if (draw.chance(0.55)) {
            String chat = meeting + "/chat";
            List<String> writers = subset(participants);
            boolean drafted = compose && draw.chance(0.5);
            boolean lost = drafted && draw.chance(faultRate);
            if (!lost && content(chat, v.chat, end, owner, in, writers, List.of())) {
                sample(chat);
            }
            if (drafted && content(meeting + "/chat-draft", v.chatDraft, end + MINUTE * draw.between(1, 30), owner, in,
                    writers, List.of(chat)) && lost) {
                sink.lineageFault();
            }
        }
        if (draw.chance(0.45)) {
            for (int i = 1, n = draw.chance(0.3) ? 2 : 1; i <= n; i++) {
                String sharer = draw.pick(participants);
                content(meeting + "/screen-share/" + i, v.screenShare, end, Optional.of(sharer), in, List.of(sharer), List.of());
            }
        }
        if (draw.chance(0.2)) {
            for (int i = 1, n = draw.between(1, 3); i <= n; i++) {
                String uploader = draw.pick(participants);
                content(meeting + "/attachment/" + i, v.attachment, between(start + 5 * MINUTE, end), Optional.of(uploader),
                        in, List.of(uploader), List.of());
            }
        }
        if (draw.chance(0.12)) {
            for (int i = 1, n = draw.between(1, 2); i <= n; i++) {
                String poll = meeting + "/poll/" + i;
                if (content(poll, v.pollResult, between(start + 5 * MINUTE, end), owner, in, participants, List.of())) {
                    sample(poll);
                }
            }
        }
        if (draw.chance(0.1)) {
            content(meeting + "/whiteboard", v.whiteboard, end, owner, in, subset(participants), List.of());
        }
        if (draw.chance(0.45)) {
            String reactions = meeting + "/reactions";
            if (content(reactions, v.reaction, end, owner, in, subset(participants), List.of())) {
                sample(reactions);
            }
        }
        for (String p : participants) {
            if (draw.chance(0.6)) {
                sink.item(item(meeting + "/telemetry/" + p, v.telemetry, end, Optional.of(p), in, List.of(p), List.of(), Set.of()));
            }
        }
        if (draw.chance(0.8)) {
            sink.item(item(meeting + "/quality", v.quality, end + MINUTE, owner, in, participants, List.of(), Set.of()));
        }
    }

    /** The host, colleagues from the account and now and then a guest from outside it; at least two people. */
    private List<String> participants(String host) {
        int others = Math.max(1, Math.min(40, (int) draw.exponential(2.5)));
        LinkedHashSet<String> people = new LinkedHashSet<>();
        people.add(host);
        for (int i = 0; i < others; i++) {
            String colleague = null;
            for (int tries = 0; tries < 4 && colleague == null && !draw.chance(0.12); tries++) {
                String u = draw.pick(users);
                colleague = people.contains(u) ? null : u;
            }
            people.add(colleague != null ? colleague : ids.guest());
        }
        return List.copyOf(people);
    }

    /** The participants an item is about (who wrote in the chat, who drew on the whiteboard); never empty. */
    private List<String> subset(List<String> participants) {
        List<String> some = new ArrayList<>(participants.size());
        for (String p : participants) {
            if (draw.chance(0.6)) {
                some.add(p);
            }
        }
        if (some.isEmpty()) {
            return List.of(participants.get(0));
        }
        return some.size() == participants.size() ? participants : List.copyOf(some);
    }

    /**
     * The in-meeting AI notice: each participant sees it on joining and acknowledges it, closes it,
     * or objects; a few who acknowledged object later, after the items were made.
     */
    private void notices(String meeting, List<String> participants, long start, long end) {
        for (String p : participants) {
            long joined = start + draw.between(0, 180);
            double r = draw.uniform();
            if (r < 0.015) {
                sink.event(new Event.Objection(Instant.ofEpochSecond(joined + draw.between(10, 60)), meeting, p, v.aiProcessing));
            } else if (r >= 0.04) {
                sink.event(new Event.NoticeAck(Instant.ofEpochSecond(joined + draw.between(5, 40)), meeting, p, v.aiProcessing));
                if (draw.chance(0.01)) {
                    sink.event(new Event.Objection(Instant.ofEpochSecond(end + between(HOUR, 10 * DAY)), meeting, p, v.aiProcessing));
                }
            }
        }
    }

    /** Emits a content item, which a few in a thousand times is erased later; true if it was emitted. */
    private boolean content(String id, Category category, long created, Optional<String> owner, Optional<String> meeting,
            List<String> subjects, List<String> parents) {
        boolean emitted = sink.item(item(id, category, created, owner, meeting, subjects, parents, Set.of()));
        if (emitted && draw.chance(ERASURE_RATE)) {
            erase(id, created + between(HOUR, 25 * DAY));
        }
        return emitted;
    }

    private void erase(String id, long at) {
        sink.event(new Event.Erasure(Instant.ofEpochSecond(at), id));
    }

    /** Reservoir sampling of the day's content ids, the parents of the day's usage statistics. */
    private void sample(String id) {
        daySeen++;
        if (daySeen <= USAGE_PARENTS) {
            daySample[daySeen - 1] = id;
        } else {
            int j = draw.below(daySeen);
            if (j < USAGE_PARENTS) {
                daySample[j] = id;
            }
        }
    }

    /** The day's usage statistics, aggregated from a sample of its content and compiled overnight. */
    private void usage(long day) {
        if (daySeen == 0) {
            return;
        }
        List<String> parents = List.copyOf(Arrays.asList(daySample).subList(0, Math.min(daySeen, USAGE_PARENTS)));
        sink.item(item(account + "/usage/" + LocalDate.ofEpochDay(day / DAY), v.usage, day + DAY + HOUR + draw.between(0, 3_599),
                Optional.empty(), Optional.empty(), List.of(), parents, v.aggregated));
    }

    private void diagnostics(long day) {
        for (String user : users) {
            if (draw.chance(0.004)) {
                sink.item(item(user + "/diagnostics/" + ids.nextDiagnostics(), v.diagnostics, day + draw.between(0, DAY - 1),
                        Optional.of(user), Optional.empty(), List.of(user), List.of(), Set.of()));
            }
        }
    }

    private Item item(String id, Category category, long created, Optional<String> owner, Optional<String> meeting,
            List<String> subjects, List<String> parents, Set<Transform> transforms) {
        return new Item(id, account, owner, meeting, category, Instant.ofEpochSecond(created), subjects, parents, transforms);
    }

    private long between(long from, long to) {
        return draw.between(from, to);
    }
}
