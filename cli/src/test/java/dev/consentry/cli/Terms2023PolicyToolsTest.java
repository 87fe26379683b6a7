package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What examples/terms-2023/README.md says lint and diff show on the shipped 2023 terms. */
class Terms2023PolicyToolsTest {
    @Test
    void lintFindsTheServiceGeneratedDataLoopholeInEveryVersionAndNothingElse(@TempDir Path dir) {
        EmbeddedPolicy.copyTo(dir);

        Cli.Result run = Cli.run("policy", "lint", dir.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(Main.CHECK_FAILED);
        assertThat(run.out()).contains("3 findings:\n")
                .containsPattern("2023-07-27 +content-to-training-declassify +declassify service-generated-from-content")
                .containsPattern("2023-08-07 +content-to-training-declassify +declassify service-generated-from-content")
                .containsPattern("2023-08-11 +content-to-training-declassify +declassify service-generated-from-content")
                .doesNotContain("shadowed-rule").doesNotContain("unreachable-rule");
    }

    @Test
    void diffShowsAugustSeventhAddingConsentForOwnModelsAndStatingTheThirdPartyDenial(@TempDir Path dir) {
        EmbeddedPolicy.copyTo(dir);

        Cli.Result run = Cli.run("policy", "diff", dir.resolve("2023-07-27.yaml").toString(), dir.resolve("2023-08-07.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("  customer_content.audio for ai.training.first_party  [effect, rules, requirements]\n"
                        + "    old: deny by default\n"
                        + "    new: conditional by meeting-content-training-with-consent"
                        + " [setting:ai.meeting_summary.share_for_training, notice:ai_processing]\n"
                        + "    requirements added: setting:ai.meeting_summary.share_for_training, notice:ai_processing\n")
                .contains("  customer_content.whiteboard for ai.training.third_party  [rules]\n"
                        + "    old: deny by default\n"
                        + "    new: deny by no-third-party-training-on-content\n")
                .doesNotContain("customer_content.whiteboard for ai.training.first_party");
    }

    @Test
    void diffShowsAugustEleventhLeavingTranscriptsToTheDefaultADenialBySilence(@TempDir Path dir) {
        EmbeddedPolicy.copyTo(dir);

        Cli.Result run = Cli.run("policy", "diff", dir.resolve("2023-08-07.yaml").toString(), dir.resolve("2023-08-11.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("  customer_content.transcript for ai.training.third_party  [rules]\n"
                        + "    old: deny by no-third-party-training-on-content\n"
                        + "    new: deny by default\n")
                .contains("  customer_content.chat for ai.training.first_party  [effect, rules, requirements]\n"
                        + "    old: conditional by chat-training-with-consent [setting:ai.chat_compose.share_for_training]\n"
                        + "    new: deny by no-training-on-communications-content\n"
                        + "    requirements removed: setting:ai.chat_compose.share_for_training\n");
    }
}
