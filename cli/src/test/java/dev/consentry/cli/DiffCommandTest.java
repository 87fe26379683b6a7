package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @Test
    void theSampleVersionsDifferOnlyInWhiteboardTrainingAndTheReportShowsBothSides(@TempDir Path tmp) throws IOException {
        Path dir = SamplePolicy.write(tmp);
        String older = dir.resolve(SamplePolicy.OLDER).toString();
        String newer = dir.resolve(SamplePolicy.NEWER).toString();

        Cli.Result run = Cli.run("policy", "diff", older, newer);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("webinar-terms 2024-01-01 (" + older + ") -> webinar-terms 2024-06-01 (" + newer + "):"
                + " 3 outcomes changed\n"
                + "  customer_content.whiteboard for ai.training  [rules]\n"
                + "    old: deny by default\n"
                + "    new: deny by no-whiteboard-training\n"
                + "  customer_content.whiteboard for ai.training.first_party  [effect, rules, requirements]\n"
                + "    old: conditional by content-training-with-consent [setting:ai.summary.share_for_training, notice:ai_processing]\n"
                + "    new: deny by no-whiteboard-training\n"
                + "    requirements removed: setting:ai.summary.share_for_training, notice:ai_processing\n"
                + "  customer_content.whiteboard for ai.training.third_party  [rules]\n"
                + "    old: deny by default\n"
                + "    new: deny by no-whiteboard-training\n");
    }

    @Test
    void aVersionComparedWithItselfChangedNothingAndStillExitsZero(@TempDir Path tmp) throws IOException {
        String older = SamplePolicy.write(tmp).resolve(SamplePolicy.OLDER).toString();

        Cli.Result run = Cli.run("policy", "diff", older, older);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).endsWith(": no outcome changed\n");
    }

    @Test
    void theJsonReportNamesBothFilesAndWhatChangedInEachPair(@TempDir Path tmp) throws IOException {
        Path dir = SamplePolicy.write(tmp);

        Cli.Result run = Cli.run("policy", "diff", "--format=json",
                dir.resolve(SamplePolicy.OLDER).toString(), dir.resolve(SamplePolicy.NEWER).toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("{\n  \"old\" : {\n    \"file\" : \"" + dir.resolve(SamplePolicy.OLDER) + "\",")
                .contains("\"changed\" : [ \"effect\", \"rules\", \"requirements\" ]")
                .contains("\"requirements_removed\" : [ \"setting:ai.summary.share_for_training\", \"notice:ai_processing\" ]");
    }

    @Test
    void versionsOfTwoBundlesAreEachReadWithTheirOwnTaxonomy(@TempDir Path tmp) throws IOException {
        Path before = SamplePolicy.write(tmp.resolve("before"));
        Path after = SamplePolicy.write(tmp.resolve("after"));
        Files.writeString(after.resolve("taxonomy.yaml"), SamplePolicy.TAXONOMY.replace("purposes:",
                "  - name: customer_content.poll_result\npurposes:"));

        Cli.Result run = Cli.run("policy", "diff",
                before.resolve(SamplePolicy.OLDER).toString(), after.resolve(SamplePolicy.OLDER).toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(": 8 outcomes changed\n")
                .contains("  customer_content.poll_result for ai.training.first_party  [pair]\n"
                        + "    old: no such pair in its taxonomy\n"
                        + "    new: conditional by content-training-with-consent"
                        + " [setting:ai.summary.share_for_training, notice:ai_processing]\n");
    }

    @Test
    void aBadNewVersionExitsTwoNamingTheFileTheLineAndTheField(@TempDir Path tmp) throws IOException {
        Path dir = SamplePolicy.write(tmp);
        Files.writeString(dir.resolve(SamplePolicy.NEWER), SamplePolicy.NEWER_TEXT.replace(
                "\"setting:ai.summary.share_for_training\"", "\"setting:ai.summary.share_for_trainig\""));

        Cli.Result run = Cli.run("policy", "diff", dir.resolve(SamplePolicy.OLDER).toString(), dir.resolve(SamplePolicy.NEWER).toString());

        assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(dir.resolve(SamplePolicy.NEWER) + ":25:16: rules[3].requires[0]: ")
                .contains("unknown setting 'ai.summary.share_for_trainig'")
                .contains("[UNKNOWN_SETTING]");
    }

    @Test
    void aDirectoryATaxonomyOrAMissingFileIsNoVersionAndExitsTwo(@TempDir Path tmp) throws IOException {
        Path dir = SamplePolicy.write(tmp);
        String older = dir.resolve(SamplePolicy.OLDER).toString();

        assertThat(Cli.run("policy", "diff", older, dir.toString()).exit()).isEqualTo(Main.BAD_INPUT);
        Cli.Result taxonomy = Cli.run("policy", "diff", dir.resolve("taxonomy.yaml").toString(), older);
        assertThat(taxonomy.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(taxonomy.err()).contains(dir.resolve("taxonomy.yaml").toString()).contains("[BAD_ARGUMENT]");
        assertThat(Cli.run("policy", "diff", older, dir.resolve("absent.yaml").toString()).exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run("policy", "diff", older).exit()).as("NEW is required").isEqualTo(Main.BAD_INPUT);
    }
}
