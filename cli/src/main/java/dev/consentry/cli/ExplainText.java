package dev.consentry.cli;

import dev.consentry.decision.Decider;
import dev.consentry.decision.Decision;
import dev.consentry.decision.Reason;
import dev.consentry.item.Item;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Purpose;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A decision in prose, for someone who reads the terms rather than JSON. */
final class ExplainText {
    private ExplainText() {}

    static String render(Decision decision, Decider decider, int node, PolicyBundle bundle, Purpose purpose, Instant at) {
        Item x = decider.graph().item(node);
        StringBuilder s = new StringBuilder();
        s.append(x.id()).append(": ").append(decision.allowed() ? "ALLOWED" : "DENIED").append(" for ")
                .append(purpose.name()).append(" as of ").append(at).append('\n');
        s.append("  item:    ").append(x.category().name()).append(", account ").append(x.account())
                .append(x.user().map(u -> ", owner " + u).orElse("")).append(x.meeting().map(m -> ", meeting " + m).orElse(""))
                .append(", created ").append(x.created()).append('\n');
        if (!x.parents().isEmpty()) {
            s.append("  lineage: derived from ").append(String.join(", ", x.parents()))
                    .append(x.transforms().isEmpty() ? "" : " (" + x.transforms().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")) + ")").append('\n');
        }
        Reason first = decision.reasons().get(0);
        switch (first.code()) {
            case NOT_YET_CREATED -> s.append("  The item was created after the decision time; a build as of then cannot contain it.\n");
            case ERASED -> s.append("  The item or an item it was derived from was erased by the decision time.\n");
            case LINEAGE -> s.append("  Its lineage cannot be resolved (a parent nobody knows, or a cycle); what cannot be resolved is denied.\n");
            default -> byVersion(decision, bundle, s);
        }
        return s.toString().stripTrailing();
    }

    private static void byVersion(Decision decision, PolicyBundle bundle, StringBuilder s) {
        Map<String, List<Reason>> grouped = new LinkedHashMap<>();
        for (Reason r : decision.reasons()) {
            grouped.computeIfAbsent(r.version().orElse(""), v -> new java.util.ArrayList<>()).add(r);
        }
        grouped.forEach((version, reasons) -> {
            Optional<PolicyVersion> v = bundle.history().version(version);
            s.append("  under ").append(bundle.history().family()).append(' ')
                    .append(v.map(pv -> pv.version() + " (effective " + pv.effective() + ")")
                            .orElse("no version (none in force yet: default deny)"))
                    .append(":\n");
            for (Reason r : reasons) {
                s.append("    ").append(r.label().orElse("?")).append(": ").append(describe(r)).append('\n');
                Optional<String> quote = v.flatMap(pv -> r.rule().flatMap(id -> rule(pv, id))).flatMap(Rule::text);
                quote.ifPresent(q -> s.append("      \"").append(q.strip()).append("\"\n"));
            }
        });
    }

    private static String describe(Reason r) {
        return switch (r.code()) {
            case DENIED_BY_RULE -> "denied by rule " + r.rule().orElse("?");
            case REQUIREMENT_UNMET -> "rule " + r.rule().orElse("?") + " would allow it, but " + r.requirement().orElse("?") + " is not met";
            case DEFAULT_DENY -> "no rule speaks to it; the default is deny";
            case ALLOWED_BY_RULE -> "allowed by rule " + r.rule().orElse("?");
            case DEFAULT_ALLOW -> "no rule speaks to it; the default is allow";
            default -> r.code().code();
        };
    }

    private static Optional<Rule> rule(PolicyVersion version, String id) {
        return version.rules().stream().filter(rule -> rule.id().equals(id)).findFirst();
    }
}
