package dev.consentry.cli;

import static dev.consentry.error.ErrorCode.BAD_ARGUMENT;
import static dev.consentry.error.ErrorCode.INTERNAL;
import static dev.consentry.error.ErrorCode.OUTPUT_FAILED;

import dev.consentry.build.BuildRecord;
import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.decision.Decider;
import dev.consentry.decision.Decision;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemBatch;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Names;
import dev.consentry.decision.Reason;
import dev.consentry.decision.ReasonCode;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.formats.EventWriter;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.ItemWriter;
import dev.consentry.formats.LineNumbers;
import dev.consentry.formats.PolicyReader;
import dev.consentry.gate.LocalGate;
import dev.consentry.gate.OutputDirectory;
import dev.consentry.gate.Progress;
import dev.consentry.item.Item;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.synthetic.Platform;
import dev.consentry.synthetic.PlatformSpec;
import dev.consentry.synthetic.PlatformSummary;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.time.Instants;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job on embedded defaults: a synthetic platform, three gate builds for first-party AI
 * training dated under each shipped version of the 2023 terms, what each allowed and denied and
 * why, and three decisions explained in prose.
 *
 * <p>The builds are written by {@link LocalGate#build} exactly as {@code consentry gate} writes
 * them; the platform is written as {@code consentry generate} writes it and kept in memory, so the
 * builds have the ids a gate run over the written files gives. The tables come from deciding every
 * item again with the same engine and are checked against each build's own counts: a pure function
 * of the same inputs gives the same answer twice, or the demo fails.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic meeting platform (July-August 2023), gate it for first-party AI training",
                "as of 2023-08-01, 2023-08-09 and 2023-08-20 (under each version of the embedded 2023 terms),",
                "and print what was allowed and denied, and why, with three decisions explained."})
final class DemoCommand implements Callable<Integer> {
    static final String PURPOSE = "ai.training.first_party";
    static final List<Instant> DATES = List.of(Instant.parse("2023-08-01T00:00:00Z"), Instant.parse("2023-08-09T00:00:00Z"),
            Instant.parse("2023-08-20T00:00:00Z"));
    static final String BUILDS = "builds";
    private static final int NAME_WIDTH = 52;
    private static final int CELL_WIDTH = 20;

    @Option(names = "--items", paramLabel = "N", defaultValue = "300000", description = "Platform size in items (default: ${DEFAULT-VALUE}).")
    long items;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "2023", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Keep the platform, the policy and the builds here (default: a temporary directory, removed at the end).")
    Path out;

    @Option(names = "--force", description = "Replace a non-empty --out directory.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (items <= 0 || items > Integer.MAX_VALUE - 8) {
            throw new ConsentryException(BAD_ARGUMENT, SourceLocation.of("--items", 0, 0, null),
                    "the demo holds the platform in memory: between 1 and " + (Integer.MAX_VALUE - 8) + " items, was " + items);
        }
        if (out != null) {
            OutputDirectory.checkWritable(out, force);
        }
        PrintWriter w = spec.commandLine().getOut();
        try {
            if (out != null) {
                try (OutputDirectory dir = OutputDirectory.open(out)) {
                    // The staging directory itself: everything goes under it and is renamed onto --out at once.
                    run(dir.file(""), out, w);
                    dir.commit();
                }
            } else {
                Path temp = Files.createTempDirectory("consentry-demo-");
                try {
                    run(temp, null, w);
                } finally {
                    deleteRecursively(temp);
                }
            }
        } catch (IOException e) {
            throw new ConsentryException(OUTPUT_FAILED, Optional.of(SourceLocation.file(out == null ? "(temporary directory)" : out.toString())),
                    "cannot write the demo: " + e.getMessage(), e);
        }
        w.flush();
        return 0;
    }

    /** Everything, into {@code root}; {@code shown} is the directory to name in the output, if it is kept. */
    private void run(Path root, Path shown, PrintWriter w) throws IOException {
        Path policy = root.resolve(GenerateCommand.POLICY);
        EmbeddedPolicy.copyTo(policy);
        PolicyBundle bundle = PolicyReader.read(policy);
        Purpose purpose = LocalGate.purpose(bundle, PURPOSE);

        List<Item> generated = new ArrayList<>((int) items);
        List<Event> events = new ArrayList<>();
        PlatformSummary summary = Platform.generate(PlatformSpec.of(seed, items).withVocabulary(bundle.taxonomy(), bundle.catalog()),
                generated::add, events::add);
        Path itemsFile = root.resolve(PlatformFiles.ITEMS);
        String itemsSha256 = write(generated, events, itemsFile, root.resolve(PlatformFiles.EVENTS));
        EventIndex.Builder history = EventIndex.builder(bundle.catalog());
        events.forEach(history::add);
        EventIndex state = history.build();
        ItemBatch batch = new ItemBatch(new Names(), generated.size());
        generated.forEach(batch::add);
        ItemReader.ItemFile file = new ItemReader.ItemFile(itemsFile.toString(), List.of(batch),
                LineNumbers.consecutive(generated.size(), 1), itemsSha256);
        ItemGraph graph = file.graph();
        LocalGate.Inputs inputs = new LocalGate.Inputs(bundle, state, file.sha256(), graph);
        Decider decider = new DecisionEngine(bundle, state).over(graph);

        List<BuildRecord> builds = new ArrayList<>();
        List<Tally> tallies = new ArrayList<>();
        for (Instant at : DATES) {
            BuildRecord build = LocalGate.build(inputs, purpose, at, root.resolve(BUILDS).resolve(day(at)), Progress.NONE);
            Tally tally = new Tally(decider, purpose, at, bundle.taxonomy().categories().size());
            tally.requireAgreesWith(build);
            builds.add(build);
            tallies.add(tally);
        }

        w.println("Consentry demo: a synthetic meeting platform, gated for " + PURPOSE + " under the 2023 terms");
        w.println();
        w.println(format("Platform (seed %d): %,d items and %,d events from %,d accounts, %,d users, %,d guests and %,d meetings,",
                seed, summary.items(), summary.events(), summary.accounts(), summary.users(), summary.guests(), summary.meetings()));
        w.println(format("  meetings held from %s to %s; %,d items name a parent that was lost before ingestion",
                meetingDays(generated).map(s -> s.first()).orElse("-"), meetingDays(generated).map(s -> s.last()).orElse("-"),
                summary.lineageFaults()));
        w.println("Policy " + bundle.history().family() + " (embedded " + EmbeddedPolicy.RESOURCE + "): versions "
                + String.join(", ", bundle.history().versions().stream().map(v -> v.version() + " from " + day(v.effective())).toList()));
        w.println();
        w.println("Builds");
        for (BuildRecord build : builds) {
            w.println(format("  as of %s (terms of %s in force)  %s  %,d allowed, %,d denied%s", day(build.at()),
                    bundle.history().inForce(build.at()).map(PolicyVersion::version).orElse("no version"), build.build(),
                    build.counts().allowed(), build.counts().denied(),
                    shown == null ? "" : "  -> " + shown.resolve(BUILDS).resolve(day(build.at()))));
        }
        w.println();
        categoryTable(w, bundle, tallies);
        w.println();
        reasonTable(w, tallies);
        w.println();
        examples(w, decider, bundle, purpose, state);
        w.println();
        if (shown == null) {
            w.println("The platform and the builds were written to a temporary directory, now removed; --out DIR keeps them.");
        } else {
            w.println("Reproduce a build from the files: consentry gate --items " + shown.resolve(PlatformFiles.ITEMS) + " --events "
                    + shown.resolve(PlatformFiles.EVENTS) + " --policy " + shown.resolve(GenerateCommand.POLICY) + " --purpose "
                    + PURPOSE + " --at " + DATES.get(1) + " --out BUILD_DIR");
        }
    }

    /** The first and last day on which a meeting item was created. */
    private static Optional<TreeSet<String>> meetingDays(List<Item> items) {
        TreeSet<String> days = new TreeSet<>();
        for (Item item : items) {
            if (item.meeting().isPresent()) {
                days.add(day(item.created()));
            }
        }
        return days.isEmpty() ? Optional.empty() : Optional.of(days);
    }

    /** Writes both files and returns the SHA-256 of the items file, which names the items in each build's id. */
    private static String write(List<Item> items, List<Event> events, Path itemsFile, Path eventsFile) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
        try (OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(itemsFile), 1 << 20), sha256);
                ItemWriter writer = ItemWriter.open(file)) {
            items.forEach(writer);
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(eventsFile), 1 << 20);
                EventWriter writer = EventWriter.open(file)) {
            events.forEach(writer);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Every item decided once more, counted the ways the tables show them. */
    private static final class Tally {
        final Instant at;
        final long[] allowed;
        final long[] denied;
        final long[] byCode = new long[ReasonCode.values().length];
        final TreeMap<String, Long> byRule = new TreeMap<>();
        final TreeMap<String, Long> byRequirement = new TreeMap<>();
        long allowedTotal;

        Tally(Decider decider, Purpose purpose, Instant at, int categories) {
            this.at = at;
            this.allowed = new long[categories];
            this.denied = new long[categories];
            ItemGraph graph = decider.graph();
            Set<String> rules = new TreeSet<>();
            Set<String> requirements = new TreeSet<>();
            boolean[] codes = new boolean[byCode.length];
            for (int node = 0; node < graph.size(); node++) {
                Decision d = decider.decide(node, purpose, at);
                int category = graph.item(node).category().index();
                if (d.allowed()) {
                    allowed[category]++;
                    allowedTotal++;
                    continue;
                }
                denied[category]++;
                Arrays.fill(codes, false);
                rules.clear();
                requirements.clear();
                for (Reason r : d.reasons()) {
                    codes[r.code().ordinal()] = true;
                    if (r.code() == ReasonCode.DENIED_BY_RULE) {
                        r.rule().ifPresent(rules::add);
                    } else if (r.code() == ReasonCode.REQUIREMENT_UNMET) {
                        r.requirement().ifPresent(requirements::add);
                    }
                }
                for (int c = 0; c < codes.length; c++) {
                    byCode[c] += codes[c] ? 1 : 0;
                }
                rules.forEach(rule -> byRule.merge(rule, 1L, Long::sum));
                requirements.forEach(req -> byRequirement.merge(req, 1L, Long::sum));
            }
        }

        /** The gate wrote the same decisions this tally counted, or something is badly wrong. */
        void requireAgreesWith(BuildRecord build) {
            TreeMap<String, Long> counted = new TreeMap<>();
            for (ReasonCode code : ReasonCode.values()) {
                if (byCode[code.ordinal()] > 0) {
                    counted.put(code.code(), byCode[code.ordinal()]);
                }
            }
            if (build.counts().allowed() != allowedTotal || !build.deniedByCode().equals(counted)) {
                throw new ConsentryException(INTERNAL, "build " + build.build() + " as of " + at + " allowed "
                        + build.counts().allowed() + " and denied " + build.deniedByCode() + ", but deciding again allowed "
                        + allowedTotal + " and denied " + counted);
            }
        }
    }

    private static void categoryTable(PrintWriter w, PolicyBundle bundle, List<Tally> tallies) {
        header(w, "Allowed / denied items by category", tallies);
        for (Category c : bundle.taxonomy().categories()) {
            if (tallies.stream().allMatch(t -> t.allowed[c.index()] + t.denied[c.index()] == 0)) {
                continue;
            }
            StringBuilder row = new StringBuilder(pad("  " + c.name(), NAME_WIDTH));
            for (Tally t : tallies) {
                row.append(cell(format("%,d / %,d", t.allowed[c.index()], t.denied[c.index()])));
            }
            w.println(row);
        }
    }

    private static void reasonTable(PrintWriter w, List<Tally> tallies) {
        header(w, "Denied items by reason (an item may have several)", tallies);
        for (ReasonCode code : ReasonCode.values()) {
            if (!code.isDenial()) {
                continue;
            }
            row(w, "  " + code.code(), tallies, t -> t.byCode[code.ordinal()]);
            TreeSet<String> details = new TreeSet<>();
            tallies.forEach(t -> details.addAll((code == ReasonCode.DENIED_BY_RULE ? t.byRule : t.byRequirement).keySet()));
            if (code == ReasonCode.DENIED_BY_RULE || code == ReasonCode.REQUIREMENT_UNMET) {
                for (String detail : details) {
                    row(w, "    " + detail, tallies,
                            t -> (code == ReasonCode.DENIED_BY_RULE ? t.byRule : t.byRequirement).getOrDefault(detail, 0L));
                }
            }
        }
    }

    private static void header(PrintWriter w, String title, List<Tally> tallies) {
        StringBuilder h = new StringBuilder(pad(title, NAME_WIDTH));
        for (Tally t : tallies) {
            h.append(cell("as of " + day(t.at)));
        }
        w.println(h);
    }

    private static void row(PrintWriter w, String name, List<Tally> tallies, ToLongFunction<Tally> value) {
        StringBuilder row = new StringBuilder(pad(name, NAME_WIDTH));
        for (Tally t : tallies) {
            row.append(cell(format("%,d", value.applyAsLong(t))));
        }
        w.println(row);
    }

    /**
     * Three decisions, found by searching the generated data: a summary allowed under the August 7
     * terms, its transcript (or another) denied under the August 11 terms because of its audio, and
     * an item denied only because a participant objected to the AI notice.
     */
    private static void examples(PrintWriter w, Decider decider, PolicyBundle bundle, Purpose purpose, EventIndex state) {
        ItemGraph graph = decider.graph();
        NoticeDefinition notice = bundle.catalog().notice("ai_processing").orElseThrow();
        Instant second = DATES.get(1);
        Instant third = DATES.get(2);
        w.println("Three decisions, explained");

        OptionalInt summary = find(graph, n -> isA(graph, n, "customer_content.meeting_summary")
                && decider.decide(n, purpose, second).allowed());
        w.println();
        if (summary.isPresent()) {
            Item s = graph.item(summary.getAsInt());
            w.println(format("1. A meeting summary allowed as of %s: made under the %s terms, with meeting data shared for",
                    day(second), bundle.history().inForce(s.created()).map(PolicyVersion::version).orElse("(no)")));
            w.println(format("   training and the AI notice acknowledged by %s.",
                    s.subjects().size() == 2 ? "both participants" : "all " + s.subjects().size() + " participants"));
            explain(w, decider, summary.getAsInt(), bundle, purpose, second);
        } else {
            w.println("1. No meeting summary is allowed as of " + day(second) + " on this platform; try more --items.");
        }

        IntPredicate deniedForItsAudio = n -> isA(graph, n, "customer_content.transcript")
                && decider.decide(n, purpose, third).reasons().stream().anyMatch(r -> r.code() == ReasonCode.DENIED_BY_RULE
                        && r.label().equals(Optional.of("customer_content.audio")));
        OptionalInt sameMeeting = summary.isPresent()
                ? graph.item(summary.getAsInt()).meeting().map(m -> graph.node(m + "/transcript")).orElse(OptionalInt.empty())
                : OptionalInt.empty();
        OptionalInt transcript = sameMeeting.isPresent() && deniedForItsAudio.test(sameMeeting.getAsInt())
                ? sameMeeting : find(graph, deniedForItsAudio);
        w.println();
        if (transcript.isPresent()) {
            w.println(format("2. %s as of %s: denied because it carries its audio's label, whatever the consent.",
                    transcript.equals(sameMeeting) ? "That summary's transcript" : "A transcript", day(third)));
            explain(w, decider, transcript.getAsInt(), bundle, purpose, third);
        } else {
            w.println("2. No transcript is denied for its audio as of " + day(third) + " on this platform; try more --items.");
        }

        long t = Instants.nanos(second);
        OptionalInt objected = find(graph, n -> {
            Item x = graph.item(n);
            if (x.meeting().isEmpty() || x.subjects().stream().noneMatch(u -> state.firstObjected(x.meeting().get(), u, notice) <= t)) {
                return false;
            }
            Decision d = decider.decide(n, purpose, second);
            return !d.allowed() && d.reasons().stream().allMatch(r -> r.code() == ReasonCode.REQUIREMENT_UNMET
                    && r.requirement().equals(Optional.of("notice:" + notice.kind())));
        });
        w.println();
        if (objected.isPresent()) {
            Item x = graph.item(objected.getAsInt());
            String meeting = x.meeting().orElseThrow();
            String objector = x.subjects().stream().filter(u -> state.firstObjected(meeting, u, notice) <= t).findFirst().orElseThrow();
            w.println(format("3. Denied as of %s only because a participant objected: %s objected to the AI notice in %s",
                    day(second), objector, meeting));
            w.println(format("   at %s (its training switch was on, and the rest acknowledged).",
                    Instants.instant(state.firstObjected(meeting, objector, notice))));
            explain(w, decider, objected.getAsInt(), bundle, purpose, second);
        } else {
            w.println("3. No item is denied only for an objection as of " + day(second) + " on this platform; try more --items.");
        }
    }

    private static boolean isA(ItemGraph graph, int node, String category) {
        return graph.item(node).category().name().equals(category);
    }

    private static OptionalInt find(ItemGraph graph, IntPredicate test) {
        for (int node = 0; node < graph.size(); node++) {
            if (test.test(node)) {
                return OptionalInt.of(node);
            }
        }
        return OptionalInt.empty();
    }

    private static void explain(PrintWriter w, Decider decider, int node, PolicyBundle bundle, Purpose purpose, Instant at) {
        String text = ExplainText.render(decider.decide(node, purpose, at), decider, node, bundle, purpose, at);
        text.lines().forEach(line -> w.println("   " + line));
    }

    private static String day(Instant at) {
        return at.toString().substring(0, 10);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String cell(String s) {
        return s.length() >= CELL_WIDTH ? " " + s : " ".repeat(CELL_WIDTH - s.length()) + s;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
