package dev.consentry.policy.analysis;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lints every version of a policy bundle: its {@link PolicyMatrix}, and the {@link Finding}s an
 * author should fix or confirm.
 *
 * <p>Design: every check reads the matrix, so the findings say exactly what the engine would do
 * with a single label, never a second reading of the rules. The checks, and why each matters:
 * <ul>
 *   <li>{@code content-to-training-declassify}: a declassify rule drops a label under
 *       {@value #CONTENT} from items made with its transform, and an item with some own category
 *       is then allowed (or allowed on conditions) for a purpose under {@value #TRAINING} where
 *       the dropped label would have denied it, or would have asked for conditions the item's own
 *       category does not imply. That is customer content reaching AI training through a
 *       derived item: the question of the 2023 terms. A declassification can be intended; the
 *       finding asks the author to confirm it.
 *   <li>{@code falls-to-default}: a pair no rule speaks to, under a default of allow, so it is
 *       allowed with no clause of the terms saying so. Under a default of deny falling through is
 *       fail-closed and is not a finding (the matrix still shows it): in a default-deny policy
 *       almost every pair falls through, and listing them all would bury the findings that matter.
 *   <li>{@code unreachable-rule}: an allow rule every pair of which a deny rule matches; it can
 *       never allow anything, whatever the order or the item.
 *   <li>{@code shadowed-rule}: an allow rule that is not unreachable but still never decides: at
 *       every pair it matches a deny rule matches, or an earlier allow rule holds whenever it does
 *       and is named instead. Its requirements are never what a decision turns on, typically
 *       because an earlier, broader rule allows with fewer conditions.
 *   <li>{@code missing-setting-dependency}: an allow rule reaching a purpose under
 *       {@value #TRAINING} requires {@code setting:S} while the catalog has settings that depend on
 *       S (a feature's "share data for training" switch depends on the feature switch), and the
 *       rule requires none of them. Turning the feature on then stands for consent to training,
 *       which the catalog's second switch exists to ask separately. Requiring the dependent
 *       setting alone is enough: it is on only while what it requires is on.
 *   <li>{@code missing-text}: a rule or declassify rule quotes no sentence of the terms, so no one
 *       can check it encodes what the terms say.
 * </ul>
 * Deny rules are never reported as shadowed: each matching one is a reason, and an explicit
 * prohibition that the default already implies documents the terms and survives a change of
 * default. {@value #CONTENT} and {@value #TRAINING} are SPEC.md's names; a taxonomy without them
 * gets no findings of the kinds that use them.
 */
public final class PolicyLint {
    /** The category under which everything is customer content. */
    public static final String CONTENT = "customer_content";
    /** The purpose under which everything is AI training. */
    public static final String TRAINING = "ai.training";

    private final String family;
    private final List<PolicyMatrix> matrices;
    private final List<Finding> findings;

    private PolicyLint(String family, List<PolicyMatrix> matrices, List<Finding> findings) {
        this.family = family;
        this.matrices = List.copyOf(matrices);
        this.findings = List.copyOf(findings);
    }

    /** Lints every version of the bundle, earliest first. */
    public static PolicyLint of(PolicyBundle bundle) {
        requireNonNull(bundle, "bundle is null");
        List<PolicyMatrix> matrices = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (PolicyVersion version : bundle.history().versions()) {
            PolicyMatrix matrix = PolicyMatrix.of(bundle.taxonomy(), bundle.catalog(), version);
            matrices.add(matrix);
            List<Finding> ofVersion = new ArrayList<>();
            contentToTraining(matrix, bundle.catalog(), ofVersion);
            fallsToDefault(matrix, ofVersion);
            neverDeciding(matrix, bundle.catalog(), ofVersion);
            missingSettingDependency(matrix, bundle.catalog(), ofVersion);
            missingText(version, ofVersion);
            // Stable: within a kind, findings stay in rule order or pair order.
            ofVersion.sort(Comparator.comparing(Finding::kind));
            findings.addAll(ofVersion);
        }
        return new PolicyLint(bundle.history().family(), matrices, findings);
    }

    public String family() {
        return family;
    }

    /** One matrix per version, earliest first. */
    public List<PolicyMatrix> matrices() {
        return matrices;
    }

    /** Every finding: by version, earliest first; within a version, by kind in declaration order. */
    public List<Finding> findings() {
        return findings;
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    private static void contentToTraining(PolicyMatrix m, SettingsCatalog catalog, List<Finding> out) {
        Optional<Category> content = m.taxonomy().category(CONTENT);
        List<Purpose> training = trainingPurposes(m.taxonomy());
        if (content.isEmpty() || training.isEmpty()) {
            return;
        }
        for (Declassification d : m.version().declassify()) {
            List<Category> dropped = m.taxonomy().categories().stream()
                    .filter(c -> content.get().covers(c) && d.drops(c)).toList();
            // Each (own category, training purpose) pair an item made with d's transform reaches,
            // with the first dropped content label that would have kept it out or asked for more.
            // Own categories outside content come first: content passing as service data is the
            // path a reader looks for; content passing as other content is reported too.
            List<Category> owns = new ArrayList<>(m.taxonomy().categories());
            owns.sort(Comparator.comparing(c -> content.get().covers(c)));
            List<Outcome> through = new ArrayList<>();
            List<Outcome> wouldHave = new ArrayList<>();
            // Whether a dropped label widens an outcome depends on the purpose and on the outcome's
            // verdict and rules only, which most own categories share: each combination scans the
            // dropped labels once (20,000 content categories: 38 s when each own category scanned them).
            Map<List<Object>, Optional<Outcome>> firstWidened = new HashMap<>();
            for (Category own : owns) {
                for (Purpose p : training) {
                    Outcome kept = m.outcome(own, p);
                    firstWidened.computeIfAbsent(List.of(p, kept.verdict(), kept.rules()), k -> dropped.stream()
                                    .map(c -> m.outcome(c, p)).filter(o -> widens(kept, o, catalog)).findFirst())
                            .ifPresent(o -> {
                                through.add(kept);
                                wouldHave.add(o);
                            });
                }
            }
            if (through.isEmpty()) {
                continue;
            }
            Outcome first = through.get(0);
            Outcome label = wouldHave.get(0);
            String more = through.size() == 1 ? "" : "; " + (through.size() - 1) + " more (category, purpose) pairs like it";
            out.add(new Finding(Finding.Kind.CONTENT_TO_TRAINING_DECLASSIFY, m.version().version(), Optional.of(d.id()),
                    Optional.of(first.category()), Optional.of(first.purpose()),
                    "declassify " + d.id() + " lets customer content reach AI training: an item made with '" + d.transform()
                            + "' drops the " + label.category() + " label of what it was made from, and as "
                            + first.category() + " it is " + verdict(first) + " for " + first.purpose() + " " + by(first)
                            + ", where " + label.category() + " is " + verdict(label) + " " + by(label) + more));
        }
    }

    /**
     * True when an item whose own category has outcome {@code kept} is allowed, for some item, where
     * the dropped label (outcome {@code dropped}, same purpose) would have denied it or asked for
     * requirements that no deciding rule of {@code kept} implies.
     */
    private static boolean widens(Outcome kept, Outcome dropped, SettingsCatalog catalog) {
        if (kept.verdict() == Verdict.DENY) {
            return false;
        }
        return switch (dropped.verdict()) {
            case ALLOW -> false;
            case DENY -> true;
            case CONDITIONAL -> kept.verdict() == Verdict.ALLOW || kept.rules().stream().anyMatch(k -> dropped.rules().stream()
                    .noneMatch(d -> Requirements.implies(k.requires(), d.requires(), catalog)));
        };
    }

    private static void fallsToDefault(PolicyMatrix m, List<Finding> out) {
        for (Outcome o : m.outcomes()) {
            if (o.fallsToDefault() && o.verdict() == Verdict.ALLOW) {
                out.add(new Finding(Finding.Kind.FALLS_TO_DEFAULT, m.version().version(), Optional.empty(),
                        Optional.of(o.category()), Optional.of(o.purpose()),
                        "no rule speaks to " + o.category() + " for " + o.purpose()
                                + " and the default is allow: it is allowed with no clause of the terms saying so"));
            }
        }
    }

    private static void neverDeciding(PolicyMatrix m, SettingsCatalog catalog, List<Finding> out) {
        List<Rule> rules = m.version().rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.effect() != Effect.ALLOW) {
                continue;
            }
            Set<String> denying = new LinkedHashSet<>();
            Set<String> earlier = new LinkedHashSet<>();
            boolean decides = false;
            for (Outcome o : m.outcomes()) {
                if (!rule.matches(o.category(), o.purpose())) {
                    continue;
                }
                if (o.rules().contains(rule)) {
                    decides = true;
                    break;
                }
                if (o.verdict() == Verdict.DENY) {
                    o.rules().forEach(r -> denying.add(r.id()));
                } else {
                    // Not named although it matches and nothing denies: the matrix dropped it
                    // because an earlier matching allow rule holds whenever it does.
                    rules.subList(0, i).stream()
                            .filter(e -> e.effect() == Effect.ALLOW && e.matches(o.category(), o.purpose()))
                            .filter(e -> Requirements.implies(rule.requires(), e.requires(), catalog))
                            .forEach(e -> earlier.add(e.id()));
                }
            }
            if (decides) {
                continue;
            }
            String version = m.version().version();
            if (earlier.isEmpty()) {
                out.add(new Finding(Finding.Kind.UNREACHABLE_RULE, version, Optional.of(rule.id()), Optional.empty(),
                        Optional.empty(), "rule " + rule.id() + " can never allow anything: every pair it matches is denied by "
                                + rulesPhrase(denying)));
            } else {
                out.add(new Finding(Finding.Kind.SHADOWED_RULE, version, Optional.of(rule.id()), Optional.empty(),
                        Optional.empty(), "rule " + rule.id() + " never decides anything: every pair it matches is "
                                + (denying.isEmpty() ? "" : "denied by " + rulesPhrase(denying) + " or ")
                                + "allowed first by earlier " + rulesPhrase(earlier) + ", whose requirements are met whenever "
                                + rule.id() + "'s are"));
            }
        }
    }

    private static void missingSettingDependency(PolicyMatrix m, SettingsCatalog catalog, List<Finding> out) {
        List<Purpose> training = trainingPurposes(m.taxonomy());
        for (Rule rule : m.version().rules()) {
            Optional<Purpose> reached = training.stream()
                    .filter(t -> rule.purposes().stream().anyMatch(p -> p.covers(t))).findFirst();
            if (reached.isEmpty()) {
                continue;
            }
            Set<String> required = Requirements.implied(rule.requires(), catalog);
            for (Requirement r : rule.requires()) {
                if (!(r instanceof Requirement.Setting s)) {
                    continue;
                }
                List<String> dependents = Requirements.dependents(s.setting(), catalog).stream()
                        .map(SettingDefinition::key).toList();
                if (!dependents.isEmpty() && dependents.stream().noneMatch(key -> required.contains("setting:" + key))) {
                    out.add(new Finding(Finding.Kind.MISSING_SETTING_DEPENDENCY, m.version().version(), Optional.of(rule.id()),
                            Optional.empty(), Optional.empty(),
                            "rule " + rule.id() + " allows " + reached.get() + " on " + r + " without "
                                    + dependents.stream().map(key -> "setting:" + key).collect(Collectors.joining(" or "))
                                    + ", which depend" + (dependents.size() == 1 ? "s" : "") + " on it: switching the feature on"
                                    + " would stand for consent to training"));
                }
            }
        }
    }

    private static void missingText(PolicyVersion version, List<Finding> out) {
        for (Rule rule : version.rules()) {
            if (rule.text().filter(t -> !t.isBlank()).isEmpty()) {
                out.add(new Finding(Finding.Kind.MISSING_TEXT, version.version(), Optional.of(rule.id()), Optional.empty(),
                        Optional.empty(), "rule " + rule.id() + " quotes no text of the terms"));
            }
        }
        for (Declassification d : version.declassify()) {
            if (d.text().filter(t -> !t.isBlank()).isEmpty()) {
                out.add(new Finding(Finding.Kind.MISSING_TEXT, version.version(), Optional.of(d.id()), Optional.empty(),
                        Optional.empty(), "declassify " + d.id() + " quotes no text of the terms"));
            }
        }
    }

    private static List<Purpose> trainingPurposes(Taxonomy taxonomy) {
        return taxonomy.purpose(TRAINING)
                .map(training -> taxonomy.purposes().stream().filter(training::covers).toList())
                .orElse(List.of());
    }

    /** "allowed", "denied" or "allowed on conditions". */
    private static String verdict(Outcome o) {
        return switch (o.verdict()) {
            case ALLOW -> "allowed";
            case DENY -> "denied";
            case CONDITIONAL -> "allowed on conditions";
        };
    }

    /** "by default", "by rule a", "by rules a, b". */
    private static String by(Outcome o) {
        return o.fallsToDefault() ? "by default" : "by " + rulesPhrase(o.rules().stream().map(Rule::id).toList());
    }

    private static String rulesPhrase(Collection<String> ids) {
        return (ids.size() == 1 ? "rule " : "rules ") + String.join(", ", ids);
    }
}
