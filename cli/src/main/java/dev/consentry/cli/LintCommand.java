package dev.consentry.cli;

import dev.consentry.formats.PolicyLintJson;
import dev.consentry.formats.PolicyReader;
import dev.consentry.policy.analysis.PolicyLint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"For every (category, purpose) pair of the directory's taxonomy, parents included, and every version:"
                + " what the version decides (allow, deny, or conditional on the requirements of the rules named) and by which"
                + " rules, or that the pair falls to the default. Then the findings.",
                "Exit 0 when there are no findings, 1 when there are, 2 on bad input."},
        footerHeading = "%nFindings:%n",
        // Wrapped by hand: picocli would wrap a long footer line without its indentation.
        footer = {
            "  content-to-training-declassify",
            "      A declassify rule drops a customer_content label from items made with",
            "      its transform, and such an item may then, by its own category, be used",
            "      for a purpose under ai.training where the dropped label would have",
            "      denied it or asked for more: customer content reaching AI training",
            "      through derived data.",
            "  falls-to-default",
            "      No rule speaks to the pair and the default is allow: it is allowed with",
            "      no clause of the terms saying so. Under a default of deny, falling",
            "      through is fail-closed: the table shows it, but it is not a finding.",
            "  unreachable-rule",
            "      An allow rule that deny rules override at every pair it matches: it",
            "      can never allow anything.",
            "  shadowed-rule",
            "      An allow rule that never decides: at every pair it matches, deny rules",
            "      decide, or an earlier allow rule is named first because its",
            "      requirements hold whenever this one's do; its own never matter.",
            "  missing-setting-dependency",
            "      An allow rule that reaches ai.training requires setting:S, the catalog",
            "      has settings that depend on S (a feature's share_for_training switch",
            "      depends on the feature switch), and the rule requires none of them:",
            "      switching the feature on would stand for consent to training.",
            "  missing-text",
            "      A rule or declassify rule quotes no text of the terms."})
final class LintCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Policy directory: one YAML file per version, and optionally"
            + " taxonomy.yaml and settings.yaml.")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    PolicyCommand.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PolicyLint lint = PolicyLint.of(PolicyReader.read(dir));
        PrintWriter out = spec.commandLine().getOut();
        if (format == PolicyCommand.Format.json) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            PolicyLintJson.write(lint, json);
            out.print(json.toString(StandardCharsets.UTF_8));
        } else {
            out.print(PolicyText.lint(lint));
        }
        out.flush();
        return lint.clean() ? 0 : Main.CHECK_FAILED;
    }
}
