package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.item.Item;
import dev.consentry.taxonomy.Taxonomy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemWriterTest {
    private static final Taxonomy TAXONOMY = Taxonomy.defaults();

    private static Item audio() {
        return new Item("m1/audio", "acme", Optional.of("u1"), Optional.of("m1"),
                TAXONOMY.category("customer_content.audio").orElseThrow(), Instant.parse("2023-08-09T10:00:00Z"),
                List.of("u1", "u2"), List.of(), Set.of());
    }

    private static Item statistics() {
        return new Item("acme/usage/2023-08-09", "acme", Optional.empty(), Optional.empty(),
                TAXONOMY.category("service_generated.usage").orElseThrow(), Instant.parse("2023-08-10T01:00:00.5Z"),
                List.of(), List.of("m1/audio", "m1/chat"),
                Set.of(TAXONOMY.transform("pseudonymized").orElseThrow(), TAXONOMY.transform("aggregated").orElseThrow()));
    }

    private static String write(List<Item> items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ItemWriter writer = ItemWriter.open(bytes)) {
            items.forEach(writer);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesSpecSampleLineByteForByte() throws IOException {
        assertThat(write(List.of(audio()))).isEqualTo("{\"id\":\"m1/audio\",\"account\":\"acme\",\"user\":\"u1\",\"meeting\":\"m1\","
                + "\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\",\"subjects\":[\"u1\",\"u2\"],"
                + "\"parents\":[],\"transforms\":[]}\n");
    }

    @Test
    void leavesOutAbsentOwnerAndMeetingAndSortsTransforms() throws IOException {
        assertThat(write(List.of(statistics()))).isEqualTo("{\"id\":\"acme/usage/2023-08-09\",\"account\":\"acme\","
                + "\"category\":\"service_generated.usage\",\"created\":\"2023-08-10T01:00:00.500Z\",\"subjects\":[],"
                + "\"parents\":[\"m1/audio\",\"m1/chat\"],\"transforms\":[\"aggregated\",\"pseudonymized\"]}\n");
    }

    @Test
    void whatItWritesItemReaderReadsBackUnchanged(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("items.jsonl");
        try (OutputStream out = Files.newOutputStream(file); ItemWriter writer = ItemWriter.open(out)) {
            writer.accept(audio());
            writer.accept(statistics());
        }

        assertThat(ItemReader.read(file, TAXONOMY).items()).containsExactly(audio(), statistics());
    }
}
