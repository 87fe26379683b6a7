package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.policy.analysis.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    private static final String CLEAN = """
            policy: webinar-terms
            version: "2024-01-01"
            effective: "2024-01-01T00:00:00Z"
            default: deny
            rules:
              - id: content-provide
                effect: allow
                categories: [customer_content]
                purposes: [service.provide]
                text: "We use your content to provide the service."
              - id: content-training-with-consent
                effect: allow
                categories: [customer_content]
                purposes: [ai.training.first_party]
                requires: ["setting:ai.summary.share_for_training", "notice:ai_processing"]
                text: "We train our own models on meeting content only with the account's consent."
            """;

    private static Path cleanPolicy(Path dir) throws IOException {
        Files.writeString(dir.resolve("taxonomy.yaml"), SamplePolicy.TAXONOMY);
        Files.writeString(dir.resolve("settings.yaml"), SamplePolicy.SETTINGS);
        Files.writeString(dir.resolve("2024-01-01.yaml"), CLEAN);
        return dir;
    }

    private static int count(String text, String of) {
        return (int) Pattern.compile(Pattern.quote(of)).matcher(text).results().count();
    }

    @Test
    void theSamplePolicyShowsEachVersionsTableAndTheDeclassificationThatLetsContentReachTraining(@TempDir Path tmp) throws IOException {
        Cli.Result run = Cli.run("policy", "lint", SamplePolicy.write(tmp).toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.CHECK_FAILED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("webinar-terms 2024-01-01, effective 2024-01-01T00:00:00Z, default deny")
                .contains("webinar-terms 2024-06-01, effective 2024-06-01T00:00:00Z, default deny")
                .containsPattern("customer_content\\.audio +ai\\.training\\.first_party +conditional +content-training-with-consent"
                        + " \\[setting:ai\\.summary\\.share_for_training, notice:ai_processing\\]")
                .containsPattern("customer_content\\.whiteboard +ai\\.training\\.first_party +deny +no-whiteboard-training")
                .containsPattern("customer_content\\.audio +ai\\.training\\.third_party +deny +default")
                .contains("36 of 72 pairs fall to the default (deny).")
                .contains("2 findings:")
                .containsPattern("2024-01-01 +content-to-training-declassify +declassify usage-statistics")
                .containsPattern("2024-06-01 +content-to-training-declassify +declassify usage-statistics");
    }

    @Test
    void aPolicyWithoutFindingsExitsZeroAndSaysSo(@TempDir Path tmp) throws IOException {
        Cli.Result run = Cli.run("policy", "lint", cleanPolicy(tmp).toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("No findings.\n");
    }

    @Test
    void theJsonReportHasEveryPairOfEachVersionAndTheFindings(@TempDir Path tmp) throws IOException {
        Cli.Result run = Cli.run("policy", "lint", "--format", "json", SamplePolicy.write(tmp).toString());

        assertThat(run.exit()).isEqualTo(Main.CHECK_FAILED);
        assertThat(run.out()).startsWith("{\n  \"policy\" : \"webinar-terms\",")
                .contains("\"kind\" : \"content-to-training-declassify\"")
                .contains("\"rule\" : \"usage-statistics\"");
        assertThat(count(run.out(), "\"effect\" : ")).isEqualTo(2 * 72);
        assertThat(count(run.out(), "\"kind\" : ")).isEqualTo(2);
    }

    @Test
    void shadowedAndUnreachableRulesAndMissingTextAreFindingsNamingTheirRules(@TempDir Path tmp) throws IOException {
        cleanPolicy(tmp);
        Files.writeString(tmp.resolve("2024-01-01.yaml"), CLEAN + """
                  - id: audio-training-with-consent
                    effect: allow
                    categories: [customer_content.audio]
                    purposes: [ai.training.first_party]
                    requires: ["setting:ai.summary.share_for_training", "notice:ai_processing"]
                    text: "Audio trains our models only with consent."
                  - id: no-third-party-training
                    effect: deny
                    categories: [customer_content]
                    purposes: [ai.training.third_party]
                  - id: whiteboards-for-partners
                    effect: allow
                    categories: [customer_content.whiteboard]
                    purposes: [ai.training.third_party]
                    text: "Partners may train on whiteboards."
                """);

        Cli.Result run = Cli.run("policy", "lint", tmp.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.CHECK_FAILED);
        assertThat(run.out()).contains("3 findings:")
                .containsPattern("unreachable-rule +rule whiteboards-for-partners can never allow anything")
                .containsPattern("shadowed-rule +rule audio-training-with-consent never decides anything")
                .containsPattern("missing-text +rule no-third-party-training quotes no text");
    }

    @Test
    void aBadPolicyFileExitsTwoNamingTheFileTheLineAndTheFieldAndPrintsNoReport(@TempDir Path tmp) throws IOException {
        SamplePolicy.write(tmp);
        Files.writeString(tmp.resolve(SamplePolicy.NEWER),
                SamplePolicy.NEWER_TEXT.replace("categories: [customer_content.whiteboard]", "categories: [customer_content.whitebord]"));

        Cli.Result run = Cli.run("policy", "lint", tmp.toString());

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(tmp.resolve(SamplePolicy.NEWER) + ":13:18: rules[1].categories[0]: ")
                .contains("unknown category 'customer_content.whitebord'")
                .contains("[UNKNOWN_CATEGORY]");
    }

    @Test
    void aDirectoryThatIsNotThereExitsTwo(@TempDir Path tmp) {
        Cli.Result run = Cli.run("policy", "lint", tmp.resolve("absent").toString());

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains(tmp.resolve("absent").toString()).contains("[FILE_NOT_READABLE]");
    }

    @Test
    void anUnknownFormatOrAMissingDirectoryIsAUsageErrorThatExitsTwo(@TempDir Path tmp) throws IOException {
        assertThat(Cli.run("policy", "lint", "--format", "yaml", cleanPolicy(tmp).toString()).exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run("policy", "lint").exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run("policy").exit()).as("policy needs a subcommand").isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void theHelpExplainsEveryKindOfFinding() {
        Cli.Result run = Cli.run("policy", "lint", "--help");

        assertThat(run.exit()).isZero();
        for (Finding.Kind kind : Finding.Kind.values()) {
            assertThat(run.out()).contains("\n  " + kind.word() + "\n");
        }
    }
}
