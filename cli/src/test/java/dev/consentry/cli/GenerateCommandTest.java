package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.formats.EventReader;
import dev.consentry.formats.EventWriter;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.ItemWriter;
import dev.consentry.formats.PolicyReader;
import dev.consentry.item.Item;
import dev.consentry.synthetic.Platform;
import dev.consentry.synthetic.PlatformSpec;
import dev.consentry.synthetic.PlatformSummary;
import dev.consentry.taxonomy.Taxonomy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final int ITEMS = 30_000;

    private static Cli.Result generate(Path out, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "generate";
        args[1] = "--items";
        args[2] = Integer.toString(ITEMS);
        args[3] = "--out=" + out;
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    @Test
    void writesItemsEventsAndThePolicyAndTheReadersAcceptEveryLine(@TempDir Path tmp) {
        Path out = tmp.resolve("platform");

        Cli.Result run = generate(out, "--seed", "7");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("30,000 items").contains("-> " + out);
        ItemReader.ItemFile items = ItemReader.read(out.resolve("items.jsonl"), Taxonomy.defaults());
        EventReader.EventFile events = EventReader.read(out.resolve("events.jsonl"), SettingsCatalog.defaults());
        PlatformSummary expected = Platform.generate(PlatformSpec.of(7, ITEMS), i -> { }, e -> { });
        assertThat(items.items()).hasSize(ITEMS);
        assertThat(events.events()).hasSize((int) expected.events());
        assertThat(PolicyReader.read(out.resolve("policy")).history().versions()).hasSize(3);
    }

    @Test
    void theFilesAreByteForByteWhatOneThreadWritingTheGeneratorsOutputWouldWrite(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("platform");
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        try (ItemWriter itemWriter = ItemWriter.open(items); EventWriter eventWriter = EventWriter.open(events)) {
            Platform.generate(PlatformSpec.of(11, ITEMS), itemWriter, eventWriter);
        }

        assertThat(generate(out, "--seed", "11").exit()).isZero();

        assertThat(Files.readAllBytes(out.resolve("items.jsonl"))).isEqualTo(items.toByteArray());
        assertThat(Files.readAllBytes(out.resolve("events.jsonl"))).isEqualTo(events.toByteArray());
    }

    @Test
    void theSameSeedWritesTheSameFilesAndAnotherSeedOthers(@TempDir Path tmp) throws IOException {
        assertThat(generate(tmp.resolve("a"), "--seed", "5").exit()).isZero();
        assertThat(generate(tmp.resolve("b"), "--seed", "5").exit()).isZero();
        assertThat(generate(tmp.resolve("c"), "--seed", "6").exit()).isZero();

        assertThat(Files.mismatch(tmp.resolve("a/items.jsonl"), tmp.resolve("b/items.jsonl"))).isEqualTo(-1);
        assertThat(Files.mismatch(tmp.resolve("a/events.jsonl"), tmp.resolve("b/events.jsonl"))).isEqualTo(-1);
        assertThat(Files.mismatch(tmp.resolve("a/items.jsonl"), tmp.resolve("c/items.jsonl"))).isNotEqualTo(-1);
    }

    @Test
    void everyParentIsInTheFileExceptTheDeliberateLineageFaults(@TempDir Path tmp) {
        Path out = tmp.resolve("platform");
        assertThat(generate(out, "--seed", "3").exit()).isZero();
        List<Item> items = ItemReader.read(out.resolve("items.jsonl"), Taxonomy.defaults()).items();
        Set<String> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.id()));

        long unknown = items.stream().flatMap(i -> i.parents().stream()).filter(p -> !ids.contains(p)).count();

        assertThat(unknown).isEqualTo(Platform.generate(PlatformSpec.of(3, ITEMS), i -> { }, e -> { }).lineageFaults());
    }

    @Test
    void theGateRunsOnTheGeneratedDirectoryRightAway(@TempDir Path tmp) {
        Path out = tmp.resolve("platform");
        assertThat(generate(out).exit()).isZero();

        Cli.Result gate = Cli.run("gate", "--items", out.resolve("items.jsonl").toString(), "--events", out.resolve("events.jsonl").toString(),
                "--policy", out.resolve("policy").toString(), "--purpose", "ai.training.first_party", "--at", "2023-08-09T00:00:00Z",
                "--out", tmp.resolve("build").toString());

        assertThat(gate.exit()).as(gate.err()).isZero();
        assertThat(tmp.resolve("build/build.json")).exists();
    }

    @Test
    void refusesANonEmptyOutputDirectoryUnlessForcedAndWritesNothingThen(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("platform");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");

        Cli.Result refused = generate(out);

        assertThat(refused.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.err()).contains("--force").contains("OUTPUT_EXISTS");
        assertThat(out.resolve("items.jsonl")).doesNotExist();
        assertThat(generate(out, "--force").exit()).isZero();
        assertThat(out.resolve("items.jsonl")).exists();
        assertThat(out.resolve("notes.txt")).doesNotExist();
    }

    @Test
    void aNegativeItemCountIsBadInput(@TempDir Path tmp) {
        Cli.Result run = Cli.run("generate", "--items", "-1", "--out", tmp.resolve("x").toString());

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("--items").contains("BAD_ARGUMENT");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
