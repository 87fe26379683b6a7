package dev.consentry.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The index folds acknowledgements and objections to the first of each per meeting, participant
 * and kind; it must answer as a scan of the events would, for meetings of a few events and of
 * many (more participants than it sorts in place), with events in any order and repeated.
 */
class EventIndexNoticesProperties {
    private static final SettingsCatalog CATALOG = SettingsCatalog.defaults();
    private static final NoticeDefinition NOTICE = CATALOG.notices().get(0);
    private static final Instant START = Instant.parse("2023-08-01T00:00:00Z");

    record NoticeEvent(boolean objection, String meeting, String user, int minute) {
        Event event() {
            Instant at = START.plusSeconds(60L * minute);
            return objection ? new Event.Objection(at, meeting, user, NOTICE) : new Event.NoticeAck(at, meeting, user, NOTICE);
        }
    }

    @Provide
    Arbitrary<List<NoticeEvent>> histories() {
        Arbitrary<String> meeting = Arbitraries.of("m1", "m2", "big");
        Arbitrary<String> user = Arbitraries.integers().between(0, 60).map(i -> "u" + i);
        return Combinators.combine(Arbitraries.of(false, false, true), meeting, user, Arbitraries.integers().between(0, 500))
                .as(NoticeEvent::new).list().ofMaxSize(400);
    }

    @Property(tries = 200)
    void the_first_acknowledgement_and_objection_are_those_a_scan_finds(@ForAll("histories") List<NoticeEvent> history) {
        EventIndex.Builder builder = EventIndex.builder(CATALOG);
        history.forEach(e -> builder.add(e.event()));
        EventIndex index = builder.build();
        List<String> users = new ArrayList<>();
        for (int i = 0; i <= 61; i++) {
            users.add("u" + i);
        }
        for (String meeting : List.of("m1", "m2", "big", "none")) {
            for (String user : users) {
                assertThat(index.firstAcknowledged(meeting, user, NOTICE)).as(meeting + " " + user)
                        .isEqualTo(scan(history, false, meeting, user));
                assertThat(index.firstObjected(meeting, user, NOTICE)).as(meeting + " " + user)
                        .isEqualTo(scan(history, true, meeting, user));
            }
        }
    }

    private static long scan(List<NoticeEvent> history, boolean objection, String meeting, String user) {
        return history.stream()
                .filter(e -> e.objection() == objection && e.meeting().equals(meeting) && e.user().equals(user))
                .mapToLong(e -> dev.consentry.time.Instants.nanos(e.event().at()))
                .min().orElse(Long.MAX_VALUE);
    }
}
