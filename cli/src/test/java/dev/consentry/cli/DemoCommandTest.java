package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static final String ITEMS = "60000";
    private static Cli.Result demo;

    @BeforeAll
    static void runOnce() {
        demo = Cli.run("demo", "--items", ITEMS);
    }

    @Test
    void printsTheThreeBuildsUnderEachVersionOfTheTerms() {
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out())
                .contains("Platform (seed 2023): 60,000 items")
                .contains("as of 2023-08-01 (terms of 2023-07-27 in force)")
                .contains("as of 2023-08-09 (terms of 2023-08-07 in force)")
                .contains("as of 2023-08-20 (terms of 2023-08-11 in force)");
    }

    @Test
    void tabulatesAllowedAndDeniedByCategoryAndDeniedByReason() {
        assertThat(demo.out()).contains("Allowed / denied items by category").contains("Denied items by reason");
        assertThat(demo.out()).containsPattern("\n  customer_content\\.meeting_summary +[0-9,]+ / [0-9,]+ +[0-9,]+ / [0-9,]+ +[0-9,]+ / [0-9,]+\n");
        assertThat(demo.out()).containsPattern("\n  not-yet-created +[0-9,]+ +[0-9,]+ +[0-9,]+\n");
        assertThat(demo.out()).containsPattern("\n    no-training-on-communications-content +0 +0 +[1-9][0-9,]*\n");
        assertThat(demo.out()).containsPattern("\n    notice:ai_processing +0 +[1-9][0-9,]* +[0-9,]+\n");
    }

    @Test
    void explainsAnAllowedSummaryItsTranscriptDeniedForItsAudioAndAnObjection() {
        assertThat(demo.out()).contains("1. A meeting summary allowed as of 2023-08-09")
                .containsPattern("/summary: ALLOWED for ai.training.first_party as of 2023-08-09")
                .contains("customer_content.meeting_summary: allowed by rule meeting-content-training-with-consent");
        assertThat(demo.out()).contains("2. That summary's transcript as of 2023-08-20")
                .containsPattern("/transcript: DENIED for ai.training.first_party as of 2023-08-20")
                .contains("customer_content.audio: denied by rule no-training-on-communications-content")
                .contains("Zoom does not use any of your audio, video, chat, screen sharing");
        assertThat(demo.out()).contains("3. Denied as of 2023-08-09 only because a participant objected")
                .contains("would allow it, but notice:ai_processing is not met");
    }

    @Test
    void theSameSeedPrintsTheSameDemo() {
        assertThat(Cli.run("demo", "--items", ITEMS).out()).isEqualTo(demo.out());
    }

    @Test
    void withOutItKeepsThePlatformAndBuildsThatTheGateReproducesToTheSameBuildId(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("demo");
        Cli.Result kept = Cli.run("demo", "--items", "20000", "--out", out.toString());
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(out.resolve("items.jsonl")).exists();
        assertThat(out.resolve("events.jsonl")).exists();
        assertThat(out.resolve("policy/2023-08-11.yaml")).exists();
        Matcher id = Pattern.compile("as of 2023-08-09 \\(terms of 2023-08-07 in force\\)  (b-[0-9a-f]{24})").matcher(kept.out());
        assertThat(id.find()).isTrue();
        assertThat(Files.readString(out.resolve("builds/2023-08-09/build.json"))).contains("\"build\" : \"" + id.group(1) + "\"");

        Cli.Result gate = Cli.run("gate", "--items", out.resolve("items.jsonl").toString(), "--events", out.resolve("events.jsonl").toString(),
                "--policy", out.resolve("policy").toString(), "--purpose", "ai.training.first_party", "--at", "2023-08-09T00:00:00Z",
                "--out", tmp.resolve("again").toString());

        assertThat(gate.exit()).as(gate.err()).isZero();
        assertThat(Files.readString(tmp.resolve("again/build.json"))).isEqualTo(Files.readString(out.resolve("builds/2023-08-09/build.json")));
        assertThat(Files.mismatch(tmp.resolve("again/allowed.jsonl"), out.resolve("builds/2023-08-09/allowed.jsonl"))).isEqualTo(-1);
    }

    @Test
    void aPlatformOfNoItemsIsBadInput() {
        Cli.Result run = Cli.run("demo", "--items", "0");

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("--items").contains("BAD_ARGUMENT");
    }
}
