package dev.consentry.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.time.Instants;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A log holds acknowledgements and objections in columns and every other event as itself; it must
 * give back the events it was given, in order, and a history recorded through logs, one event at a
 * time, or both, must have the head docs/formats.md defines ({@link #reference}) and the same
 * consent state.
 */
class EventLogProperties {
    private static final SettingsCatalog CATALOG = SettingsCatalog.defaults();
    private static final Instant START = Instant.parse("2023-08-01T00:00:00Z");

    @Provide
    Arbitrary<List<Event>> histories() {
        Arbitrary<Instant> at = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 100_000).map(s -> START.plusSeconds(s)),
                // Fractions of a second are spelled in the head, and a log keeps them.
                Arbitraries.longs().between(0, 100_000_000_000L).map(n -> START.plusNanos(n)));
        Arbitrary<String> meeting = Arbitraries.of("m1", "m2", "møte");
        Arbitrary<String> user = Arbitraries.of("ana", "bo", "çay");
        Arbitrary<NoticeDefinition> notice = Arbitraries.of(CATALOG.notices());
        Arbitrary<Event> ack = Combinators.combine(at, meeting, user, notice).as(Event.NoticeAck::new);
        Arbitrary<Event> objection = Combinators.combine(at, meeting, user, notice).as(Event.Objection::new);
        Arbitrary<Event> membership = Combinators.combine(at, Arbitraries.of("acme"), user, Arbitraries.of("legal", "it"))
                .as(Event.Membership::new);
        Arbitrary<Event> erasure = Combinators.combine(at, Arbitraries.of("m1/audio", "m2/chat")).as(Event.Erasure::new);
        Arbitrary<Event> setting = Combinators.combine(at, Arbitraries.of(CATALOG.settings()), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((t, key, value, locked) -> new Event.SettingChange(t, "admin", "owner",
                        Scope.parse("user:acme/bo").orElseThrow(), key, value, locked));
        return Arbitraries.frequencyOf(
                Tuple.of(6, ack), Tuple.of(2, objection), Tuple.of(1, membership),
                Tuple.of(1, erasure), Tuple.of(1, setting)).list().ofMaxSize(60);
    }

    @Property
    void a_log_gives_back_the_events_it_was_given_in_order(@ForAll("histories") List<Event> history) {
        EventLog log = new EventLog(1);
        history.forEach(log::add);
        assertThat(log.size()).isEqualTo(history.size());
        assertThat(log.events()).containsExactlyElementsOf(history);
    }

    @Property
    void a_history_recorded_through_logs_or_one_event_at_a_time_has_the_documented_head_and_the_same_state(
            @ForAll("histories") List<Event> history, @ForAll @IntRange(min = 1, max = 7) int run) {
        EventIndex.Builder oneByOne = EventIndex.builder(CATALOG);
        history.forEach(oneByOne::add);
        // Runs of events alternately as logs, their notices added from their parts, and one at a time.
        EventIndex.Builder mixed = EventIndex.builder(CATALOG);
        for (int from = 0, k = 0; from < history.size(); from += run, k++) {
            List<Event> part = history.subList(from, Math.min(history.size(), from + run));
            if (k % 2 == 0) {
                EventLog log = new EventLog(run);
                part.forEach(e -> addFromParts(log, e));
                mixed.add(log);
            } else {
                part.forEach(mixed::add);
            }
        }
        EventIndex expected = oneByOne.build();
        EventIndex actual = mixed.build();
        assertThat(expected.head()).isEqualTo(reference(history));
        assertThat(actual.head()).isEqualTo(expected.head());
        for (String meeting : List.of("m1", "m2", "møte")) {
            for (String user : List.of("ana", "bo", "çay")) {
                for (NoticeDefinition notice : CATALOG.notices()) {
                    assertThat(actual.firstAcknowledged(meeting, user, notice)).isEqualTo(expected.firstAcknowledged(meeting, user, notice));
                    assertThat(actual.firstObjected(meeting, user, notice)).isEqualTo(expected.firstObjected(meeting, user, notice));
                }
            }
        }
        for (String item : List.of("m1/audio", "m2/chat", "m3/video")) {
            assertThat(actual.erasedAt(item)).isEqualTo(expected.erasedAt(item));
        }
        for (SettingDefinition setting : CATALOG.settings()) {
            for (int s = 0; s <= 100_000; s += 5_000) {
                long t = Instants.nanos(START.plusSeconds(s));
                assertThat(actual.owner("acme", Optional.of("bo")).settingOn(setting, t))
                        .isEqualTo(expected.owner("acme", Optional.of("bo")).settingOn(setting, t));
            }
        }
    }

    @Test
    void a_log_whose_notice_is_not_in_the_catalog_is_refused() {
        EventLog log = new EventLog(1);
        log.addNotice(false, 0, "m1", "ana", new NoticeDefinition("recording", 0, "This meeting is recorded."));
        assertThatThrownBy(() -> EventIndex.builder(CATALOG).add(log)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_head_of_an_empty_history_is_64_zeros() {
        assertThat(EventIndex.builder(CATALOG).add(new EventLog(0)).build().head()).isEqualTo("0".repeat(64));
    }

    private static void addFromParts(EventLog log, Event event) {
        if (event instanceof Event.NoticeAck a) {
            log.addNotice(false, Instants.nanos(a.at()), a.meeting(), a.user(), a.notice());
        } else if (event instanceof Event.Objection o) {
            log.addNotice(true, Instants.nanos(o.at()), o.meeting(), o.user(), o.notice());
        } else {
            log.add(event);
        }
    }

    /** The head as docs/formats.md defines it, written from that text alone. */
    private static String reference(List<Event> history) {
        byte[] head = new byte[32];
        for (Event event : history) {
            ByteArrayOutputStream enc = new ByteArrayOutputStream();
            enc.writeBytes(head);
            field(enc, event.type());
            field(enc, event.at().toString());
            for (String field : fields(event)) {
                field(enc, field);
            }
            head = sha256(enc.toByteArray());
        }
        return HexFormat.of().formatHex(head);
    }

    private static List<String> fields(Event event) {
        if (event instanceof Event.SettingChange s) {
            return List.of(s.actor(), s.role(), s.scope().toString(), s.setting().key(), String.valueOf(s.value()),
                    String.valueOf(s.locked()));
        } else if (event instanceof Event.Membership m) {
            return List.of(m.account(), m.user(), m.group());
        } else if (event instanceof Event.NoticeAck a) {
            return List.of(a.meeting(), a.user(), a.notice().kind());
        } else if (event instanceof Event.Objection o) {
            return List.of(o.meeting(), o.user(), o.notice().kind());
        }
        return List.of(((Event.Erasure) event).item());
    }

    private static void field(ByteArrayOutputStream enc, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        enc.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        enc.writeBytes(utf8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
