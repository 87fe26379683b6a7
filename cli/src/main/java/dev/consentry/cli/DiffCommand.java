package dev.consentry.cli;

import dev.consentry.formats.PolicyDiffJson;
import dev.consentry.formats.PolicyReader;
import dev.consentry.policy.analysis.PolicyDiff;
import dev.consentry.policy.analysis.PolicyMatrix;
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

@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Every (category, purpose) pair whose outcome changed from OLD to NEW: its effect (allow, deny,"
                + " conditional), the rules that decide it, or the requirements it turns on; with both sides. Reworded text,"
                + " reordered rules and rules that decide nothing new are not changes.",
                "OLD and NEW are policy version files; each is read with the taxonomy.yaml and settings.yaml of its own"
                        + " directory (the built-in defaults where absent), so versions of two bundles compare too.",
                "Exit 0 whether or not anything changed (it is a report), 2 on bad input."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "The older version's YAML file.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The newer version's YAML file.")
    Path newFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    PolicyCommand.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PolicyReader.VersionFile before = PolicyReader.readVersion(oldFile);
        PolicyReader.VersionFile after = PolicyReader.readVersion(newFile);
        PolicyDiff diff = PolicyDiff.between(PolicyMatrix.of(before.taxonomy(), before.catalog(), before.version()),
                PolicyMatrix.of(after.taxonomy(), after.catalog(), after.version()));
        PrintWriter out = spec.commandLine().getOut();
        if (format == PolicyCommand.Format.json) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            PolicyDiffJson.write(diff, oldFile.toString(), newFile.toString(), json);
            out.print(json.toString(StandardCharsets.UTF_8));
        } else {
            out.print(PolicyText.diff(diff, oldFile.toString(), newFile.toString()));
        }
        out.flush();
        return 0;
    }
}
