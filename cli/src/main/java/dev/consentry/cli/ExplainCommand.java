package dev.consentry.cli;

import static dev.consentry.error.ErrorCode.BAD_ARGUMENT;
import static dev.consentry.error.ErrorCode.UNKNOWN_ITEM;

import dev.consentry.consent.EventIndex;
import dev.consentry.decision.Decider;
import dev.consentry.decision.Decision;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemGraph;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.formats.DecisionJson;
import dev.consentry.formats.EventReader;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.PolicyReader;
import dev.consentry.gate.LocalGate;
import dev.consentry.item.Item;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.taxonomy.Purpose;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Decide one item and say why: the same JSON line the gate writes, or --format text for a reader",
                "of the terms (each label, each applicable version, the rule that decided and the clause it quotes)."})
final class ExplainCommand implements Callable<Integer> {
    enum Format { json, text }

    static final class Target {
        @Option(names = "--item", paramLabel = "JSON", description = "The item itself, as one items line.")
        String json;

        @Option(names = "--id", paramLabel = "ID", description = "The id of an item in --items.")
        String id;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--items", paramLabel = "FILE", description = "Items, JSON Lines: the item's lineage (required with --id).")
    Path items;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Consent events, JSON Lines.")
    Path events;

    @Option(names = "--policy", required = true, paramLabel = "DIR", description = "Policy directory.")
    Path policy;

    @Option(names = "--purpose", required = true, paramLabel = "PURPOSE", description = "Purpose, e.g. ai.training.first_party.")
    String purpose;

    @Option(names = "--at", paramLabel = "TIME", converter = Times.class, description = "Decision time, ISO-8601 (default: now).")
    Instant at;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json (default) or text.")
    Format format;

    @Override
    public Integer call() {
        Instant decisionTime = at != null ? at : Instant.now();
        PolicyBundle bundle = PolicyReader.read(policy);
        Purpose p = LocalGate.purpose(bundle, purpose);
        EventIndex state = EventReader.read(events, bundle.catalog()).index(bundle.catalog());
        ItemGraph graph;
        String id;
        if (items == null && target.id != null) {
            throw new ConsentryException(BAD_ARGUMENT, SourceLocation.of("--id", 0, 0, null), "--id needs --items to look the item up in");
        }
        // Two items with one id are bad input, reported with the file and line like the gate does.
        ItemGraph fromFile = items == null ? null : ItemReader.read(items, bundle.taxonomy()).graph();
        if (target.json != null) {
            Item item = ItemReader.parse(target.json, "--item", bundle.taxonomy());
            List<Item> known = new ArrayList<>();
            for (int node = 0; fromFile != null && node < fromFile.size(); node++) {
                Item other = fromFile.item(node);
                if (!other.id().equals(item.id())) {
                    known.add(other);
                }
            }
            known.add(item);
            graph = ItemGraph.of(known);
            id = item.id();
        } else {
            graph = fromFile;
            id = target.id;
        }
        int node = graph.node(id).orElseThrow(() -> new ConsentryException(UNKNOWN_ITEM,
                SourceLocation.of(items.toString(), 0, 0, "id"), "no item has id '" + id + "'"));
        Decider decider = new DecisionEngine(bundle, state).over(graph);
        Decision decision = decider.decide(node, p, decisionTime);
        System.out.println(format == Format.json
                ? DecisionJson.toJson(decision)
                : ExplainText.render(decision, decider, node, bundle, p, decisionTime));
        return 0;
    }
}
