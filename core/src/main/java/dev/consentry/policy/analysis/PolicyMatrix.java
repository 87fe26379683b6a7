package dev.consentry.policy.analysis;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What one policy version decides for every (category, purpose) pair of a taxonomy: every
 * category, parents included, against every purpose, parents included.
 *
 * <p>Design: each pair is SPEC.md step 5 for a single label, taken at the rule level. Deny rules
 * that match decide it ({@link Verdict#DENY}, all of them named); else the matching allow rules
 * do, and since the engine allows by the first one in file order whose requirements are met, the
 * matrix keeps only those that can be that first one: an allow rule is dropped when an earlier
 * matching allow rule holds whenever it does (its requirements are implied by the later rule's,
 * see {@link Requirements}). If one kept rule has no requirements the pair is
 * {@link Verdict#ALLOW}, otherwise {@link Verdict#CONDITIONAL}; with no matching rule it falls to
 * the version's default. This is what a version says about one label; an item's decision
 * combines every label it carries under every applicable version, which only the engine, given
 * the item, can do.
 *
 * <p>Cost is categories × purposes × rules {@link Rule#matches} calls, with no index: taxonomies
 * have tens of names and versions tens of rules, so a matrix is thousands of calls, well under a
 * millisecond, and computed once per command.
 */
public final class PolicyMatrix {
    private final Taxonomy taxonomy;
    private final PolicyVersion version;
    private final List<Outcome> outcomes;

    private PolicyMatrix(Taxonomy taxonomy, PolicyVersion version, List<Outcome> outcomes) {
        this.taxonomy = taxonomy;
        this.version = version;
        this.outcomes = List.copyOf(outcomes);
    }

    /** The matrix of {@code version}, read against {@code taxonomy} and {@code catalog}. */
    public static PolicyMatrix of(Taxonomy taxonomy, SettingsCatalog catalog, PolicyVersion version) {
        requireNonNull(taxonomy, "taxonomy is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(version, "version is null");
        List<Outcome> outcomes = new ArrayList<>();
        Requirements.Implication implication = new Requirements.Implication(catalog);
        Map<List<Rule>, List<Rule>> decidingByAllows = new HashMap<>();
        for (Category category : taxonomy.categories()) {
            for (Purpose purpose : taxonomy.purposes()) {
                outcomes.add(decide(category, purpose, version, allows -> decidingByAllows.computeIfAbsent(allows,
                        a -> deciding(a, implication))));
            }
        }
        return new PolicyMatrix(taxonomy, version, outcomes);
    }

    private static Outcome decide(Category category, Purpose purpose, PolicyVersion version,
            UnaryOperator<List<Rule>> deciding) {
        List<Rule> denies = new ArrayList<>();
        List<Rule> allows = new ArrayList<>();
        for (Rule rule : version.rules()) {
            if (rule.matches(category, purpose)) {
                (rule.effect() == Effect.DENY ? denies : allows).add(rule);
            }
        }
        if (!denies.isEmpty()) {
            return new Outcome(category, purpose, Verdict.DENY, false, denies);
        }
        if (allows.isEmpty()) {
            Verdict fallback = version.defaultEffect() == Effect.ALLOW ? Verdict.ALLOW : Verdict.DENY;
            return new Outcome(category, purpose, fallback, true, List.of());
        }
        List<Rule> decidingRules = deciding.apply(allows);
        boolean unconditional = decidingRules.stream().anyMatch(r -> r.requires().isEmpty());
        return new Outcome(category, purpose, unconditional ? Verdict.ALLOW : Verdict.CONDITIONAL, false, decidingRules);
    }

    /**
     * The allow rules that decide a pair matched by {@code allows}, in order: those that no earlier
     * one implies. Pairs matched by the same rules share the answer, which for thousands of allow
     * rules is millions of questions (4,000 on the content-and-AI pairs took 53 s, measured).
     */
    private static List<Rule> deciding(List<Rule> allows, Requirements.Implication implication) {
        List<Rule> deciding = new ArrayList<>();
        for (int i = 0; i < allows.size(); i++) {
            Rule rule = allows.get(i);
            if (allows.subList(0, i).stream().noneMatch(earlier -> implication.implies(rule.requires(), earlier.requires()))) {
                deciding.add(rule);
            }
        }
        return List.copyOf(deciding);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public PolicyVersion version() {
        return version;
    }

    /** Every pair's outcome: categories in taxonomy order, and for each, purposes in taxonomy order. */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /** The outcome of a pair of this matrix's taxonomy. */
    public Outcome outcome(Category category, Purpose purpose) {
        if (taxonomy.category(category.name()).orElse(null) != category
                || taxonomy.purpose(purpose.name()).orElse(null) != purpose) {
            throw new IllegalArgumentException(category + " and " + purpose + " are not both terms of this matrix's taxonomy");
        }
        return outcomes.get(category.index() * taxonomy.purposes().size() + purpose.index());
    }

    /** The outcome of the pair with these names, if this matrix's taxonomy has both. */
    public Optional<Outcome> outcome(String category, String purpose) {
        return taxonomy.category(category).flatMap(c -> taxonomy.purpose(purpose).map(p -> outcome(c, p)));
    }
}
