package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import dev.consentry.time.Instants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events in the order they were recorded, held compactly: acknowledgements and objections, nearly
 * all of a history, in columns (time, meeting, participant, notice), every other event as
 * itself. A reader fills one per block of a file and an index takes them in order ({@link
 * EventIndex.Builder#add(EventLog)}), so a history of millions of notices is not millions of
 * records and as many {@code Instant}s: on a 10M-item platform those were about 180 MB that the
 * collector copied while the events were read and then kept, as garbage, until the build ended
 * (docs/benchmarks.md, ninth round). Not thread-safe.
 */
public final class EventLog {
    private int size;
    /** A notice's time; unused for other events. */
    private long[] at;
    private String[] meeting;
    private String[] user;
    /**
     * For a notice, twice its place in {@link #notices} plus one for an objection; for any other
     * event, {@code -1 - k} for {@code others.get(k)}.
     */
    private int[] what;
    /** The distinct notice definitions this log's notices name, in the order first seen: a handful. */
    private final List<NoticeDefinition> notices = new ArrayList<>(2);
    private final List<Event> others = new ArrayList<>();

    /** A log with room for about {@code expected} events before its columns grow. */
    public EventLog(int expected) {
        int room = Math.max(1, expected);
        at = new long[room];
        meeting = new String[room];
        user = new String[room];
        what = new int[room];
    }

    /** Appends an event; acknowledgements and objections go into the columns. */
    public void add(Event event) {
        requireNonNull(event, "event is null");
        if (event instanceof Event.NoticeAck a) {
            addNotice(false, Instants.nanos(a.at()), a.meeting(), a.user(), a.notice());
        } else if (event instanceof Event.Objection o) {
            addNotice(true, Instants.nanos(o.at()), o.meeting(), o.user(), o.notice());
        } else {
            room();
            what[size++] = -1 - others.size();
            others.add(event);
        }
    }

    /**
     * Appends what {@code add(new NoticeAck(...))}, or {@code Objection} when {@code objection},
     * would, at {@code atNanos} nanoseconds since the epoch, without making the event.
     */
    public void addNotice(boolean objection, long atNanos, String meeting, String user, NoticeDefinition notice) {
        requireNonNull(meeting, "meeting is null");
        requireNonNull(user, "user is null");
        requireNonNull(notice, "notice is null");
        int n = notices.indexOf(notice);
        if (n < 0) {
            n = notices.size();
            notices.add(notice);
        }
        room();
        at[size] = atNanos;
        this.meeting[size] = meeting;
        this.user[size] = user;
        what[size++] = 2 * n + (objection ? 1 : 0);
    }

    private void room() {
        if (size == what.length) {
            int length = size * 2;
            at = Arrays.copyOf(at, length);
            meeting = Arrays.copyOf(meeting, length);
            user = Arrays.copyOf(user, length);
            what = Arrays.copyOf(what, length);
        }
    }

    public int size() {
        return size;
    }

    /** Event {@code i}, made anew for a notice. */
    public Event event(int i) {
        if (!isNotice(i)) {
            return other(i);
        }
        return objection(i)
                ? new Event.Objection(Instants.instant(at[i]), meeting[i], user[i], notice(i))
                : new Event.NoticeAck(Instants.instant(at[i]), meeting[i], user[i], notice(i));
    }

    /** Every event, in order, made anew where they are notices. */
    public List<Event> events() {
        List<Event> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(event(i));
        }
        return events;
    }

    boolean isNotice(int i) {
        return what[i] >= 0;
    }

    boolean objection(int i) {
        return (what[i] & 1) != 0;
    }

    long at(int i) {
        return at[i];
    }

    String meeting(int i) {
        return meeting[i];
    }

    String user(int i) {
        return user[i];
    }

    NoticeDefinition notice(int i) {
        return notices.get(what[i] >>> 1);
    }

    /** Event {@code i}, which is not a notice. */
    Event other(int i) {
        return others.get(-1 - what[i]);
    }

    /** The notice definitions the log's notices name. */
    List<NoticeDefinition> notices() {
        return notices;
    }

    /** The events that are not notices, in order. */
    List<Event> others() {
        return others;
    }
}
