package dev.consentry.policy.analysis;

import static dev.consentry.policy.analysis.Terms.CATALOG;
import static dev.consentry.policy.analysis.Terms.TAXONOMY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.decision.Decider;
import dev.consentry.decision.Decision;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Reason;
import dev.consentry.decision.ReasonCode;
import dev.consentry.item.Item;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Transform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The matrix and the lint against the engine itself, over random versions: what the matrix says
 * of a pair is what the engine decides for an item whose one label is that pair's category, in a
 * world where every requirement holds, in one where none does, and in random ones between; and a
 * derived item the engine lets reach training while its content parent may not is always a
 * declassification the lint reports.
 */
class PolicyMatrixEngineTest {
    private static final Instant EFFECTIVE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant CONSENTED = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2024-01-03T00:00:00Z");
    private static final Instant DECIDED = Instant.parse("2024-01-04T00:00:00Z");
    private static final List<String> REQUIREMENTS = List.of("setting:ai.meeting_summary.enabled",
            "setting:ai.meeting_summary.share_for_training", "setting:ai.chat_compose.enabled", "notice:ai_processing",
            "transform:pseudonymized", "transform:aggregated");

    @Provide
    Arbitrary<PolicyVersion> versions() {
        Arbitrary<List<Category>> categories = Arbitraries.of(TAXONOMY.categories()).list().ofMinSize(1).ofMaxSize(2).uniqueElements();
        Arbitrary<List<Purpose>> purposes = Arbitraries.of(TAXONOMY.purposes()).list().ofMinSize(1).ofMaxSize(2).uniqueElements();
        Arbitrary<List<Requirement>> requires = Arbitraries.of(REQUIREMENTS).list().ofMaxSize(2).uniqueElements()
                .map(spellings -> spellings.stream().map(Terms::requirement).toList());
        Arbitrary<Rule> rules = Combinators.combine(Arbitraries.of(Effect.class), categories, purposes, requires)
                .as((effect, c, p, r) -> new Rule("r", effect, c, p, effect == Effect.DENY ? List.of() : r, Optional.of("text")));
        Arbitrary<Declassification> declassify = Combinators.combine(categories, Arbitraries.of(TAXONOMY.transforms()))
                .as((from, transform) -> new Declassification("d", from, transform, Optional.of("text")));
        return Combinators.combine(Arbitraries.of(Effect.class), rules.list().ofMaxSize(7), declassify.list().ofMaxSize(2))
                .as((defaultEffect, rs, ds) -> {
                    List<Rule> named = new ArrayList<>();
                    for (int i = 0; i < rs.size(); i++) {
                        Rule r = rs.get(i);
                        named.add(new Rule("r" + i, r.effect(), r.categories(), r.purposes(), r.requires(), r.text()));
                    }
                    List<Declassification> namedDeclassify = new ArrayList<>();
                    for (int i = 0; i < ds.size(); i++) {
                        Declassification d = ds.get(i);
                        namedDeclassify.add(new Declassification("d" + i, d.from(), d.transform(), d.text()));
                    }
                    return new PolicyVersion("terms", "1", EFFECTIVE, defaultEffect, named, namedDeclassify, "0".repeat(64));
                });
    }

    /** Every setting on at the account, every notice acknowledged by the one subject. */
    private static EventIndex everythingMet() {
        EventIndex.Builder events = EventIndex.builder(CATALOG);
        for (SettingDefinition s : CATALOG.settings()) {
            events.add(new Event.SettingChange(CONSENTED, "admin", "account_admin", Scope.account("acme"), s, true, false));
        }
        for (NoticeDefinition n : CATALOG.notices()) {
            events.add(new Event.NoticeAck(CONSENTED, "m1", "u1", n));
        }
        return events.build();
    }

    private static Item item(String id, Category category, List<String> parents, Set<Transform> transforms) {
        return new Item(id, "acme", Optional.of("u1"), Optional.of("m1"), category, CREATED, List.of("u1"), parents, transforms);
    }

    private static List<String> rules(Decision d) {
        return d.reasons().stream().map(r -> r.rule().orElse("")).toList();
    }

    @Property(tries = 300)
    void theMatrixSaysWhatTheEngineDecidesForAnItemOfThatCategory(@ForAll("versions") PolicyVersion version) {
        PolicyBundle bundle = Terms.bundle(version);
        PolicyMatrix matrix = PolicyMatrix.of(TAXONOMY, CATALOG, version);
        List<Item> met = TAXONOMY.categories().stream().map(c -> item(c.name(), c, List.of(), Set.copyOf(TAXONOMY.transforms()))).toList();
        List<Item> unmet = TAXONOMY.categories().stream().map(c -> item(c.name(), c, List.of(), Set.of())).toList();
        Decider whenMet = new DecisionEngine(bundle, everythingMet()).over(ItemGraph.of(met));
        Decider whenUnmet = new DecisionEngine(bundle, EventIndex.builder(CATALOG).build()).over(ItemGraph.of(unmet));

        for (Outcome o : matrix.outcomes()) {
            Decision metDecision = whenMet.decide(o.category().index(), o.purpose(), DECIDED);
            Decision unmetDecision = whenUnmet.decide(o.category().index(), o.purpose(), DECIDED);
            List<String> ids = o.rules().stream().map(Rule::id).toList();
            String where = o + " in " + version;
            switch (o.verdict()) {
                case DENY -> {
                    assertThat(metDecision.allowed()).as(where).isFalse();
                    assertThat(unmetDecision.allowed()).as(where).isFalse();
                    assertThat(metDecision.reasons()).extracting(Reason::code).as(where)
                            .containsOnly(o.fallsToDefault() ? ReasonCode.DEFAULT_DENY : ReasonCode.DENIED_BY_RULE);
                    assertThat(rules(metDecision)).as(where).isEqualTo(o.fallsToDefault() ? List.of("") : ids);
                }
                case ALLOW -> {
                    assertThat(metDecision.allowed()).as(where).isTrue();
                    assertThat(unmetDecision.allowed()).as(where).isTrue();
                    assertThat(rules(metDecision)).as(where).containsExactly(o.fallsToDefault() ? "" : ids.get(0));
                    assertThat(rules(unmetDecision)).as(where).containsExactly(o.rules().stream()
                            .filter(r -> r.requires().isEmpty()).map(Rule::id).findFirst().orElse(""));
                }
                case CONDITIONAL -> {
                    assertThat(metDecision.allowed()).as(where).isTrue();
                    assertThat(rules(metDecision)).as(where).containsExactly(ids.get(0));
                    assertThat(unmetDecision.allowed()).as(where).isFalse();
                    assertThat(unmetDecision.reasons()).extracting(Reason::code).as(where).containsOnly(ReasonCode.REQUIREMENT_UNMET);
                }
            }
        }
    }

    /** Some settings set on at the account, the one subject acknowledging the notices or not, some transforms. */
    record World(Set<SettingDefinition> on, boolean acknowledged, Set<Transform> transforms) {
        EventIndex events() {
            EventIndex.Builder events = EventIndex.builder(CATALOG);
            on.forEach(s -> events.add(new Event.SettingChange(CONSENTED, "admin", "account_admin", Scope.account("acme"), s, true, false)));
            if (acknowledged) {
                CATALOG.notices().forEach(n -> events.add(new Event.NoticeAck(CONSENTED, "m1", "u1", n)));
            }
            return events.build();
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        return Combinators.combine(Arbitraries.subsetOf(CATALOG.settings()), Arbitraries.of(true, false),
                Arbitraries.subsetOf(TAXONOMY.transforms())).as(World::new);
    }

    @Property(tries = 300)
    void everyRuleTheEngineNamesForAnItemIsOneTheMatrixLists(@ForAll("versions") PolicyVersion version, @ForAll("worlds") World world) {
        PolicyMatrix matrix = PolicyMatrix.of(TAXONOMY, CATALOG, version);
        List<Item> items = TAXONOMY.categories().stream().map(c -> item(c.name(), c, List.of(), world.transforms())).toList();
        Decider decider = new DecisionEngine(Terms.bundle(version), world.events()).over(ItemGraph.of(items));

        for (Outcome o : matrix.outcomes()) {
            Decision d = decider.decide(o.category().index(), o.purpose(), DECIDED);
            List<String> ids = o.rules().stream().map(Rule::id).toList();
            String where = o + " in " + version + " and " + world;
            assertThat(d.allowed()).as(where).isEqualTo(o.verdict() == Verdict.ALLOW || o.verdict() == Verdict.CONDITIONAL && d.allowed());
            if (d.allowed() && !o.fallsToDefault()) {
                assertThat(ids).as(where).containsAll(rules(d));
            }
            if (!d.allowed() && o.verdict() == Verdict.CONDITIONAL) {
                assertThat(d.reasons()).extracting(Reason::code).as(where).containsOnly(ReasonCode.REQUIREMENT_UNMET);
            }
        }
    }

    @Property(tries = 300)
    void contentTheEngineLetsReachTrainingOnlyThroughADerivedItemIsAlwaysReported(@ForAll("versions") PolicyVersion version) {
        Category content = TAXONOMY.category(PolicyLint.CONTENT).orElseThrow();
        Purpose training = TAXONOMY.purpose(PolicyLint.TRAINING).orElseThrow();
        Set<Transform> all = Set.copyOf(TAXONOMY.transforms());
        List<Item> items = new ArrayList<>();
        List<Category> contents = TAXONOMY.categories().stream().filter(content::covers).toList();
        for (Category c : contents) {
            items.add(item("parent/" + c, c, List.of(), all));
            for (Category k : TAXONOMY.categories()) {
                items.add(item("child/" + c + "/" + k, k, List.of("parent/" + c), all));
            }
        }
        ItemGraph graph = ItemGraph.of(items);
        Decider decider = new DecisionEngine(Terms.bundle(version), everythingMet()).over(graph);
        List<String> reported = PolicyLint.of(Terms.bundle(version)).findings().stream()
                .filter(f -> f.kind() == Finding.Kind.CONTENT_TO_TRAINING_DECLASSIFY).map(f -> f.rule().orElseThrow()).toList();

        for (Purpose p : TAXONOMY.purposes()) {
            if (!training.covers(p)) {
                continue;
            }
            for (Category c : contents) {
                if (decider.decide(graph.node("parent/" + c).getAsInt(), p, DECIDED).allowed()) {
                    continue;
                }
                for (Category k : TAXONOMY.categories()) {
                    if (decider.decide(graph.node("child/" + c + "/" + k).getAsInt(), p, DECIDED).allowed()) {
                        assertThat(version.declassify()).as("%s reaches %s as %s in %s", c, p, k, version)
                                .anySatisfy(d -> {
                                    assertThat(d.drops(c)).isTrue();
                                    assertThat(reported).contains(d.id());
                                });
                    }
                }
            }
        }
    }
}
