package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.EventIndex;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.decision.Decider;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Verdict;
import dev.consentry.item.Item;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A gate's line, rendered from the graph's id bytes, is the line of the decision as a value. */
class DecisionJsonTest {
    private static final Instant AT = Instant.parse("2023-08-09T10:00:00Z");

    @Test
    void lines_from_id_bytes_equal_lines_from_decisions_for_ids_that_need_escaping_and_ids_that_do_not() {
        List<String> ids = List.of("plain/id", "with \"quotes\"", "back\\slash", "tab\there", "nul\u0000", "line\nbreak",
                "caf\u00e9", "\u4e2d\u6587", "emoji \ud83d\ude00", "del\u007f", "\u2028separator");
        Taxonomy taxonomy = Taxonomy.defaults();
        List<Item> items = ids.stream().map(id -> new Item(id, "acme", Optional.empty(), Optional.empty(),
                taxonomy.category("service_generated.usage").orElseThrow(), AT, List.of(), List.of(), Set.of())).toList();
        SettingsCatalog catalog = SettingsCatalog.defaults();
        PolicyVersion version = new PolicyVersion("terms", "1", AT, Effect.ALLOW, List.of(), List.of(), "0".repeat(64));
        PolicyBundle bundle = new PolicyBundle(taxonomy, catalog, new PolicyHistory("terms", List.of(version)), "test");
        ItemGraph graph = ItemGraph.of(items);
        Decider decider = new DecisionEngine(bundle, EventIndex.builder(catalog).build()).over(graph);
        Purpose purpose = taxonomy.purpose("analytics").orElseThrow();
        DecisionJson json = new DecisionJson();
        Verdict verdict = new Verdict();
        for (int node = 0; node < graph.size(); node++) {
            LineBuffer fromBytes = new LineBuffer(64);
            json.write(graph, node, decider.decide(node, purpose, AT, verdict), fromBytes);
            LineBuffer fromDecision = new LineBuffer(64);
            json.write(decider.decide(node, purpose, AT), fromDecision);
            assertThat(fromBytes.toString()).as(ids.get(node)).isEqualTo(fromDecision.toString());
        }
    }
}
