package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingsCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWriterTest {
    private static final SettingsCatalog CATALOG = SettingsCatalog.defaults();
    private static final NoticeDefinition AI = CATALOG.notice("ai_processing").orElseThrow();

    private static List<Event> oneOfEach() {
        Instant at = Instant.parse("2023-08-01T09:00:00Z");
        return List.of(
                new Event.SettingChange(at, "admin1", "account_admin", Scope.account("acme"),
                        CATALOG.setting("ai.meeting_summary.enabled").orElseThrow(), true, false),
                new Event.SettingChange(at, "lead", "group_admin", Scope.group("acme", "legal"),
                        CATALOG.setting("ai.meeting_summary.share_for_training").orElseThrow(), false, true),
                new Event.Membership(at, "acme", "u1", "sales"),
                new Event.NoticeAck(at, "m1", "u2", AI),
                new Event.Objection(at, "m1", "u2", AI),
                new Event.Erasure(at, "m1/audio"));
    }

    @Test
    void writesEachTypeWithSpecFieldsInSpecOrder() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EventWriter writer = EventWriter.open(bytes)) {
            oneOfEach().forEach(writer);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\","
                        + "\"scope\":\"account:acme\",\"key\":\"ai.meeting_summary.enabled\",\"value\":true,\"locked\":false}",
                "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"lead\",\"role\":\"group_admin\","
                        + "\"scope\":\"group:acme/legal\",\"key\":\"ai.meeting_summary.share_for_training\",\"value\":false,\"locked\":true}",
                "{\"type\":\"membership\",\"at\":\"2023-08-01T09:00:00Z\",\"user\":\"u1\",\"account\":\"acme\",\"group\":\"sales\"}",
                "{\"type\":\"notice_ack\",\"at\":\"2023-08-01T09:00:00Z\",\"meeting\":\"m1\",\"user\":\"u2\",\"notice\":\"ai_processing\"}",
                "{\"type\":\"objection\",\"at\":\"2023-08-01T09:00:00Z\",\"meeting\":\"m1\",\"user\":\"u2\",\"notice\":\"ai_processing\"}",
                "{\"type\":\"erasure\",\"at\":\"2023-08-01T09:00:00Z\",\"item\":\"m1/audio\"}");
    }

    @Test
    void whatItWritesEventReaderReadsBackUnchangedWithTheSameLedgerHead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (OutputStream out = Files.newOutputStream(file); EventWriter writer = EventWriter.open(out)) {
            oneOfEach().forEach(writer);
        }

        EventReader.EventFile read = EventReader.read(file, CATALOG);
        assertThat(read.events()).containsExactlyElementsOf(oneOfEach());
        EventIndex.Builder recorded = EventIndex.builder(CATALOG);
        oneOfEach().forEach(recorded::add);
        assertThat(read.index(CATALOG).head()).isEqualTo(recorded.build().head());
    }
}
