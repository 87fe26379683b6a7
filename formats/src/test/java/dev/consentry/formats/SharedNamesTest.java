package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.Event;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.decision.Names;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate reads events and items with one {@link Names}, so that a participant is one string in
 * both and the consent questions compare references. Equal strings would decide the same; this
 * checks the sharing itself, which only speed depends on.
 */
class SharedNamesTest {
    @TempDir
    Path dir;

    @Test
    void events_and_items_read_with_one_names_hold_the_same_strings() throws IOException {
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"type":"membership","at":"2023-07-01T00:00:00Z","user":"ann","account":"acme","group":"eng"}
                {"type":"notice_ack","at":"2023-07-02T00:00:00Z","meeting":"m1","user":"ann","notice":"ai_processing"}
                {"type":"notice_ack","at":"2023-07-02T00:00:01Z","meeting":"m1","user":"bo","notice":"ai_processing"}
                {"type":"objection","at":"2023-07-02T00:00:02Z","meeting":"m\\u0031","user":"\\u0062o","notice":"ai_processing"}
                """);
        Path items = Files.writeString(dir.resolve("items.jsonl"), """
                {"id":"m1/audio","account":"acme","user":"ann","meeting":"m1","category":"customer_content.audio","created":"2023-07-03T00:00:00Z","subjects":["ann","bo"],"parents":[],"transforms":[]}
                """);
        Names names = new Names();

        List<Event> read = EventReader.read(events, SettingsCatalog.defaults(), names).events();
        Item item = ItemReader.read(items, Taxonomy.defaults(), names).graph().item(0);

        Event.Membership membership = (Event.Membership) read.get(0);
        Event.NoticeAck ann = (Event.NoticeAck) read.get(1);
        Event.NoticeAck bo = (Event.NoticeAck) read.get(2);
        assertThat(ann.user()).isSameAs(membership.user()).isSameAs(item.subjects().get(0)).isSameAs(item.user().orElseThrow());
        Event.Objection escaped = (Event.Objection) read.get(3);
        assertThat(bo.user()).isSameAs(item.subjects().get(1)).isSameAs(escaped.user());
        assertThat(escaped.meeting()).isSameAs(item.meeting().orElseThrow());
        assertThat(ann.meeting()).isSameAs(item.meeting().orElseThrow());
        assertThat(membership.account()).isSameAs(item.account());
    }
}
