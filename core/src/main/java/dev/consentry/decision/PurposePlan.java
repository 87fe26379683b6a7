package dev.consentry.decision;

import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 5 of the semantics compiled for one purpose: for every version slot and every category,
 * which deny rules match, which allow rules match (with their requirements), and the default.
 * Every {@link Reason} a decision can give is built here once, so deciding allocates no reason.
 * Slot 0 is the empty version in force before a family's first one; slot i+1 is version i.
 */
final class PurposePlan {
    final LabelOutcome[][] outcomes;

    PurposePlan(PolicyHistory history, List<Category> categories, Purpose purpose, Map<Requirement, Integer> requirementIds) {
        List<PolicyVersion> versions = history.versions();
        outcomes = new LabelOutcome[versions.size() + 1][categories.size()];
        for (Category label : categories) {
            outcomes[0][label.index()] = new LabelOutcome(new Reason[0], new AllowRule[0],
                    reason(ReasonCode.DEFAULT_DENY, null, history.family(), null, label, null), false);
        }
        for (int v = 0; v < versions.size(); v++) {
            PolicyVersion version = versions.get(v);
            for (Category label : categories) {
                List<Reason> denials = new ArrayList<>();
                List<AllowRule> allows = new ArrayList<>();
                for (Rule rule : version.rules()) {
                    if (!rule.matches(label, purpose)) {
                        continue;
                    }
                    if (rule.effect() == Effect.DENY) {
                        denials.add(reason(ReasonCode.DENIED_BY_RULE, rule.id(), version.family(), version.version(), label, null));
                    } else {
                        allows.add(new AllowRule(rule, version, label, requirementIds));
                    }
                }
                boolean defaultAllows = version.defaultEffect() == Effect.ALLOW;
                Reason fallback = reason(defaultAllows ? ReasonCode.DEFAULT_ALLOW : ReasonCode.DEFAULT_DENY, null,
                        version.family(), version.version(), label, null);
                outcomes[v + 1][label.index()] = new LabelOutcome(denials.toArray(new Reason[0]),
                        allows.toArray(new AllowRule[0]), fallback, defaultAllows);
            }
        }
    }

    static Reason reason(ReasonCode code, String rule, String policy, String version, Category label, String requirement) {
        return new Reason(code, Optional.ofNullable(rule), Optional.ofNullable(policy), Optional.ofNullable(version),
                Optional.ofNullable(label).map(Category::name), Optional.ofNullable(requirement));
    }

    /** What one version decides for one label and this purpose, before requirements are checked. */
    static final class LabelOutcome {
        final Reason[] denials;
        final AllowRule[] allows;
        final Reason fallback;
        final boolean fallbackAllows;

        LabelOutcome(Reason[] denials, AllowRule[] allows, Reason fallback, boolean fallbackAllows) {
            this.denials = denials;
            this.allows = allows;
            this.fallback = fallback;
            this.fallbackAllows = fallbackAllows;
        }
    }

    /** A matching allow rule: its requirements, the reason when all hold, and one reason per requirement when not. */
    static final class AllowRule {
        final Requirement[] requirements;
        final int[] requirementIds;
        final Reason allowed;
        final Reason[] unmet;

        AllowRule(Rule rule, PolicyVersion version, Category label, Map<Requirement, Integer> requirementIds) {
            this.requirements = rule.requires().toArray(new Requirement[0]);
            this.requirementIds = rule.requires().stream().mapToInt(requirementIds::get).toArray();
            this.allowed = reason(ReasonCode.ALLOWED_BY_RULE, rule.id(), version.family(), version.version(), label, null);
            this.unmet = rule.requires().stream()
                    .map(r -> reason(ReasonCode.REQUIREMENT_UNMET, rule.id(), version.family(), version.version(), label, r.toString()))
                    .toArray(Reason[]::new);
        }
    }
}
