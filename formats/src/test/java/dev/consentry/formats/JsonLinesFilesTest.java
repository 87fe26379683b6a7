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
