package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.ErrorCode;
import dev.consentry.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON Lines files as files: empty ones, block boundaries, blank lines, line endings. */
class JsonLinesFilesTest {
    /** JsonLines reads in blocks of this many bytes; the boundary cases are built around it. */
    private static final int BLOCK = 4 << 20;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void an_empty_events_file_is_a_history_with_no_events() throws IOException {
        Path events = Files.writeString(dir.resolve("events.jsonl"), "");
        EventReader.EventFile file = assertTimeoutPreemptively(PATIENCE, () -> EventReader.read(events, SettingsCatalog.defaults()));
        assertThat(file.events()).isEmpty();
        assertThat(file.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void an_empty_items_file_has_no_items() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"), "");
        assertThat(assertTimeoutPreemptively(PATIENCE, () -> ItemReader.read(items, Taxonomy.defaults())).items()).isEmpty();
    }

    @Test
    void a_file_of_only_blank_lines_has_no_items() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"), "\n  \n\t\n");
        assertThat(assertTimeoutPreemptively(PATIENCE, () -> ItemReader.read(items, Taxonomy.defaults())).items()).isEmpty();
    }

    @Test
    void a_file_whose_last_line_ends_exactly_at_a_block_boundary_is_read_to_its_end() throws IOException {
        Path events = dir.resolve("events.jsonl");
        int lines = writeErasuresOfExactSize(events, BLOCK);
        assertThat(Files.size(events)).isEqualTo(BLOCK);
        assertThat(assertTimeoutPreemptively(PATIENCE, () -> EventReader.read(events, SettingsCatalog.defaults())).events())
                .hasSize(lines);
    }

    @Test
    void a_file_of_two_whole_blocks_is_read_to_its_end() throws IOException {
        Path events = dir.resolve("events.jsonl");
        int lines = writeErasuresOfExactSize(events, 2 * BLOCK);
        assertThat(assertTimeoutPreemptively(PATIENCE, () -> EventReader.read(events, SettingsCatalog.defaults())).events())
                .hasSize(lines);
    }

    @Test
    void a_line_that_straddles_a_block_boundary_is_read_whole_and_errors_after_it_name_their_own_line() throws IOException {
        Path events = dir.resolve("events.jsonl");
        int lines = writeErasuresOfExactSize(events, BLOCK + 40);
        Files.writeString(events, "{\"type\":\"erasure\",\"at\":\"2023-08-01T00:00:00Z\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> assertTimeoutPreemptively(PATIENCE, () -> EventReader.read(events, SettingsCatalog.defaults())))
                .isInstanceOfSatisfying(ConsentryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
                    assertThat(e.location().orElseThrow().line()).isEqualTo(lines + 1);
                    assertThat(e.location().orElseThrow().field()).contains("item");
                });
    }

    @Test
    void blank_lines_are_skipped_but_still_counted_in_line_numbers() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"), """
                {"id":"a","account":"acme","category":"customer_content.audio","created":"2023-08-09T10:00:00Z"}

                \t
                {"id":"b","account":"acme","category":"customer_content.audioo","created":"2023-08-09T10:00:00Z"}
                """);
        assertThatThrownBy(() -> ItemReader.read(items, Taxonomy.defaults()))
                .isInstanceOfSatisfying(ConsentryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CATEGORY);
                    assertThat(e.location().orElseThrow().line()).isEqualTo(4);
                });
    }

    @Test
    void windows_line_endings_and_a_missing_final_newline_are_read() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"),
                "{\"id\":\"a\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\"}\r\n"
                        + "{\"id\":\"b\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\"}");
        assertThat(ItemReader.read(items, Taxonomy.defaults()).items()).extracting(i -> i.id()).containsExactly("a", "b");
    }

    @Test
    void an_object_split_over_two_lines_is_an_error_on_the_line_where_it_starts() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"), """
                {"id":"a","account":"acme","category":"customer_content.audio","created":"2023-08-09T10:00:00Z"}
                {"id":"b","account":
                "acme","category":"customer_content.audio","created":"2023-08-09T10:00:00Z"}
                """);
        assertThatThrownBy(() -> ItemReader.read(items, Taxonomy.defaults()))
                .isInstanceOfSatisfying(ConsentryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_SYNTAX);
                    assertThat(e.location().orElseThrow().line()).isEqualTo(2);
                });
    }

    @Test
    void two_objects_on_one_line_are_an_error_on_that_line() throws IOException {
        String item = "{\"id\":\"%s\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\"}";
        Path items = Files.writeString(dir.resolve("items.jsonl"),
                item.formatted("a") + "\n" + item.formatted("b") + " " + item.formatted("c") + "\n");
        assertThatThrownBy(() -> ItemReader.read(items, Taxonomy.defaults()))
                .isInstanceOfSatisfying(ConsentryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_SYNTAX);
                    assertThat(e.location().orElseThrow().line()).isEqualTo(2);
                });
    }

    @Test
    void a_carriage_return_between_the_tokens_of_a_line_is_whitespace() throws IOException {
        Path items = Files.writeString(dir.resolve("items.jsonl"),
                "{\"id\":\"a\",\r\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\"}\n"
                        + "{\"id\":\"b\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\"}\n");
        assertThat(ItemReader.read(items, Taxonomy.defaults()).items()).extracting(i -> i.id()).containsExactly("a", "b");
    }

    @Test
    void items_in_later_blocks_keep_their_line_numbers_and_their_parents_in_earlier_blocks() throws IOException {
        StringBuilder text = new StringBuilder();
        String line = "{\"id\":\"i%d\",\"account\":\"acme\",\"category\":\"customer_content.transcript\","
                + "\"created\":\"2023-08-09T10:00:00Z\",\"parents\":[%s]}\n";
        int lines = 0;
        while (text.length() < 2 * BLOCK + 1000) {
            text.append(line.formatted(lines, lines == 0 ? "" : "\"i" + (lines - 1) + "\""));
            lines++;
        }
        text.append(line.formatted(7, "\"i0\""));
        Path items = Files.writeString(dir.resolve("items.jsonl"), text);
        ItemReader.ItemFile file = assertTimeoutPreemptively(PATIENCE, () -> ItemReader.read(items, Taxonomy.defaults()));
        int last = lines - 1;
        assertThatThrownBy(file::graph).isInstanceOfSatisfying(ConsentryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
            assertThat(e.location().orElseThrow().line()).isEqualTo(last + 2);
            assertThat(e.detail()).contains("line 8");
        });
        Files.writeString(items, text.substring(0, text.lastIndexOf("{")));
        ItemReader.ItemFile whole = ItemReader.read(items, Taxonomy.defaults());
        dev.consentry.decision.ItemGraph graph = whole.graph();
        assertThat(graph.size()).isEqualTo(lines);
        assertThat(graph.item(last).parents()).containsExactly("i" + (last - 1));
        assertThat(graph.lineageBroken(last)).isFalse();
        assertThat(graph.ancestors(last)).hasSize(last);
    }

    @Test
    void a_file_read_in_blocks_reports_the_first_bad_line_of_the_file_by_its_own_number() throws IOException {
        List<String> lines = items(3 * BLOCK);
        int early = 10;
        int late = lines.size() - 10;
        lines.set(late, lines.get(late).replace("customer_content.audio", "customer_content.audioo"));
        Path onlyLate = Files.write(dir.resolve("late.jsonl"), lines);
        assertThatThrownBy(() -> ItemReader.read(onlyLate, Taxonomy.defaults()))
                .isInstanceOfSatisfying(ConsentryException.class, e -> assertThat(e.location().orElseThrow().line()).isEqualTo(late + 1));
        lines.set(early, lines.get(early).replace("\"created\":\"2023-08-09T10", "\"created\":\"2023-18-09T10"));
        Path both = Files.write(dir.resolve("both.jsonl"), lines);
        assertThatThrownBy(() -> ItemReader.read(both, Taxonomy.defaults()))
                .isInstanceOfSatisfying(ConsentryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP);
                    assertThat(e.location().orElseThrow().line()).isEqualTo(early + 1);
                });
    }

    @Test
    void a_block_read_again_line_by_line_keeps_every_item_once() throws IOException {
        List<String> lines = items(3 * BLOCK);
        int odd = lines.size() - 1000;
        lines.set(odd, lines.get(odd).replace(",\"account\"", ",\r\"account\""));
        lines.add(odd + 1, "");
        Path file = Files.write(dir.resolve("odd.jsonl"), lines);
        ItemReader.ItemFile read = ItemReader.read(file, Taxonomy.defaults());
        assertThat(read.lines().count()).isEqualTo(lines.size() - 1);
        assertThat(read.lines().line(0)).isEqualTo(1);
        assertThat(read.lines().line(odd)).isEqualTo(odd + 1);
        assertThat(read.lines().line(odd + 1)).isEqualTo(odd + 3);
        assertThat(read.lines().line(lines.size() - 2)).isEqualTo(lines.size());
        dev.consentry.decision.ItemGraph graph = read.graph();
        assertThat(graph.size()).isEqualTo(lines.size() - 1);
        assertThat(graph.item(odd + 1).parents()).containsExactly("i" + odd);
        assertThat(graph.lineageBroken(odd + 1)).isFalse();
    }

    /**
     * A thread's reader is reused from block to block and forgets the last block's names: every
     * item of a file of several blocks, whose lines mix names that recur in every block with names
     * of their own, reads as its line alone does through the JSON parser.
     */
    @Test
    void readers_reused_from_block_to_block_read_every_block_afresh() throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0, bytes = 0; bytes < 3 * BLOCK; i++) {
            String line = ("{\"id\":\"m%d/t%d\",\"account\":\"acct-%d\",\"user\":\"u%d\",\"meeting\":\"m%d\","
                    + "\"category\":\"customer_content.%s\",\"created\":\"2023-08-09T10:00:%02dZ\","
                    + "\"subjects\":[\"u%d\",\"u%d\"],\"parents\":[],\"transforms\":%s}").formatted(
                    i / 7, i, i % 5, i % 11, i / 7, i % 3 == 0 ? "audio" : "transcript", i % 60, i % 13, i,
                    i % 4 == 0 ? "[\"pseudonymized\"]" : "[]");
            lines.add(line);
            bytes += line.length() + 1;
        }
        Path items = Files.write(dir.resolve("items.jsonl"), lines);
        dev.consentry.decision.ItemGraph graph = ItemReader.read(items, Taxonomy.defaults()).graph();
        assertThat(graph.size()).isEqualTo(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(graph.item(i)).as("line %d", i + 1).isEqualTo(ItemReader.parse(lines.get(i), "line", Taxonomy.defaults()));
        }

        List<String> eventLines = new java.util.ArrayList<>();
        List<dev.consentry.consent.Event> expected = new java.util.ArrayList<>();
        dev.consentry.consent.NoticeDefinition notice = SettingsCatalog.defaults().notices().get(0);
        for (int i = 0, bytes = 0; bytes < 3 * BLOCK; i++) {
            java.time.Instant at = java.time.Instant.parse("2023-08-01T00:00:00Z").plusSeconds(i);
            String meeting = "m" + i / 7;
            String user = i % 2 == 0 ? "u" + i % 11 : "u" + i;
            String line = "{\"type\":\"notice_ack\",\"at\":\"%s\",\"meeting\":\"%s\",\"user\":\"%s\",\"notice\":\"%s\"}"
                    .formatted(at, meeting, user, notice.kind());
            eventLines.add(line);
            expected.add(new dev.consentry.consent.Event.NoticeAck(at, meeting, user, notice));
            bytes += line.length() + 1;
        }
        Path events = Files.write(dir.resolve("events.jsonl"), eventLines);
        assertThat(EventReader.read(events, SettingsCatalog.defaults()).events()).isEqualTo(expected);
    }

    /** Items {@code i0, i1, ...}, each the parent of the next, filling at least {@code size} bytes. */
    private static List<String> items(int size) {
        List<String> lines = new java.util.ArrayList<>();
        int bytes = 0;
        for (int i = 0; bytes < size; i++) {
            String line = "{\"id\":\"i" + i + "\",\"account\":\"acme\",\"category\":\"customer_content.audio\","
                    + "\"created\":\"2023-08-09T10:00:00Z\",\"parents\":[" + (i == 0 ? "" : "\"i" + (i - 1) + "\"") + "]}";
            lines.add(line);
            bytes += line.length() + 1;
        }
        return lines;
    }

    /** Writes erasure events, one a line, padded so that the file has exactly {@code size} bytes; returns the line count. */
    private static int writeErasuresOfExactSize(Path file, int size) throws IOException {
        String prefix = "{\"type\":\"erasure\",\"at\":\"2023-08-01T00:00:00Z\",\"item\":\"";
        String suffix = "\"}\n";
        int lineLength = 100;
        StringBuilder s = new StringBuilder(size);
        int lines = 0;
        while (s.length() < size) {
            int remaining = size - s.length();
            int length = remaining < 2 * lineLength ? remaining : lineLength;
            String id = ("item-" + lines + "-" + "x".repeat(lineLength)).substring(0, length - prefix.length() - suffix.length());
            s.append(prefix).append(id).append(suffix);
            lines++;
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        Files.write(file, bytes);
        return lines;
    }
}
