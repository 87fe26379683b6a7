package dev.consentry.cli;

import dev.consentry.build.BuildRecord;
import dev.consentry.gate.GateRequest;
import dev.consentry.gate.LocalGate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Decide every item for one purpose and write allowed.jsonl, denied.jsonl and build.json into --out,",
                "all or nothing."})
final class GateCommand implements Callable<Integer> {
    @Option(names = "--items", required = true, paramLabel = "FILE", description = "Items, JSON Lines.")
    Path items;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Consent events, JSON Lines.")
    Path events;

    @Option(names = "--policy", required = true, paramLabel = "DIR", description = "Policy directory: one YAML file per version.")
    Path policy;

    @Option(names = "--purpose", required = true, paramLabel = "PURPOSE", description = "Purpose, e.g. ai.training.first_party.")
    String purpose;

    @Option(names = "--at", paramLabel = "TIME", converter = Times.class,
            description = "Decision time, ISO-8601 (default: now).")
    Instant at;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory; must be empty or absent.")
    Path out;

    @Option(names = "--force", description = "Replace a non-empty output directory.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Option(names = "--timings", description = "Print the wall time of each phase of the build on standard error.")
    boolean timings;

    @Override
    public Integer call() {
        Instant decisionTime = at != null ? at : Instant.now();
        BuildRecord build;
        PhaseTimings phases;
        try (TerminalProgress progress = TerminalProgress.open()) {
            phases = new PhaseTimings(progress);
            build = LocalGate.run(new GateRequest(items, events, policy, purpose, decisionTime, out, force), phases);
        }
        if (timings) {
            spec.commandLine().getErr().println("timings: " + phases.summary());
        }
        System.out.println(summary(build) + " -> " + out);
        return 0;
    }

    static String summary(BuildRecord build) {
        String byCode = build.deniedByCode().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.format("%s: %,d items, %,d allowed, %,d denied%s, merkle %s…", build.build(),
                build.counts().items(), build.counts().allowed(), build.counts().denied(),
                byCode.isEmpty() ? "" : " (" + byCode + ")", build.merkle().root().substring(0, 16));
    }
}
