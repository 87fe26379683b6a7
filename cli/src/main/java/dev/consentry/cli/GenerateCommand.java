package dev.consentry.cli;

import static dev.consentry.error.ErrorCode.BAD_ARGUMENT;
import static dev.consentry.error.ErrorCode.OUTPUT_FAILED;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.formats.PolicyReader;
import dev.consentry.gate.OutputDirectory;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.synthetic.PlatformSpec;
import dev.consentry.synthetic.PlatformSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic meeting platform of July and August 2023: writes items.jsonl, events.jsonl",
                "and the shipped 2023 terms (policy/) into --out, all or nothing, ready for 'consentry gate'.",
                "The same --items and --seed always give the same files."})
final class GenerateCommand implements Callable<Integer> {
    static final String POLICY = "policy";

    @Option(names = "--items", required = true, paramLabel = "N", description = "How many items to generate.")
    long items;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory; must be empty or absent.")
    Path out;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "2023", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace a non-empty output directory.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (items < 0) {
            throw new ConsentryException(BAD_ARGUMENT, SourceLocation.of("--items", 0, 0, null), "must not be negative, was " + items);
        }
        OutputDirectory.checkWritable(out, force);
        long started = System.nanoTime();
        PlatformSummary summary;
        try (OutputDirectory dir = OutputDirectory.open(out); TerminalProgress progress = TerminalProgress.open()) {
            EmbeddedPolicy.copyTo(dir.file(POLICY));
            PolicyBundle bundle = PolicyReader.read(dir.file(POLICY));
            PlatformSpec platform = PlatformSpec.of(seed, items).withVocabulary(bundle.taxonomy(), bundle.catalog());
            summary = PlatformFiles.write(platform, dir.file(PlatformFiles.ITEMS), dir.file(PlatformFiles.EVENTS), progress);
            dir.commit();
        } catch (IOException e) {
            throw new ConsentryException(OUTPUT_FAILED, Optional.of(SourceLocation.file(out.toString())),
                    "cannot write the platform: " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%,d items and %,d events (%,d accounts, %,d users, %,d meetings, %,d deliberate lineage faults) -> %s%n",
                summary.items(), summary.events(), summary.accounts(), summary.users(), summary.meetings(),
                summary.lineageFaults(), out);
        w.printf("  in %.1f s, %,.0f items/s; seed %d%n", seconds, summary.items() / Math.max(seconds, 1e-9), seed);
        w.printf("  next: consentry gate --items %s --events %s --policy %s --purpose ai.training.first_party"
                        + " --at 2023-08-09T00:00:00Z --out %s%n",
                out.resolve(PlatformFiles.ITEMS), out.resolve(PlatformFiles.EVENTS), out.resolve(POLICY), out.resolve("build"));
        w.flush();
        return 0;
    }
}
