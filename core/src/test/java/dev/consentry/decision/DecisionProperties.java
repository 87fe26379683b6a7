package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.Event;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.item.Item;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.testing.SpecReference;
import dev.consentry.testing.World;
import dev.consentry.testing.Worlds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The decision semantics of SPEC.md as properties over random small worlds (see {@link Worlds}).
 * Each property decides every item for every purpose at every hour of the world's time grid.
 * Edge cases are off: a world's "edge cases" are just the combinations of its parts' extremes, and
 * the random worlds already include empty histories, single items and one-version families.
 */
@PropertyDefaults(edgeCases = EdgeCasesMode.NONE)
class DecisionProperties {

    @Provide
    Arbitrary<World> worlds() {
        return Worlds.worlds();
    }

    @Property
    void the_engine_decides_exactly_what_a_literal_reading_of_the_spec_decides(@ForAll("worlds") World world) {
        Decider decider = world.decider();
        SpecReference spec = new SpecReference(world);
        for (int node = 0; node < world.items().size(); node++) {
            Item item = world.items().get(node);
            for (Purpose purpose : Worlds.purposes()) {
                for (Instant t : Worlds.times()) {
                    Decision d = decider.decide(node, purpose, t);
                    SpecReference.Outcome expected = spec.decide(item.id(), purpose, t).canonical();
                    SpecReference.Outcome actual = new SpecReference.Outcome(d.effect(), d.reasons()).canonical();
                    assertThat(actual).as("%s for %s at %s in %s", item.id(), purpose, t, world).isEqualTo(expected);
                }
            }
        }
    }

    /** Label sets are bit sets over category indexes; a taxonomy of more than 64 categories needs several words. */
    @Property(tries = 300)
    void the_engine_agrees_with_the_spec_when_categories_are_numbered_past_64(@ForAll("wideWorlds") World world) {
        Decider decider = world.decider();
        SpecReference spec = new SpecReference(world);
        assertThat(world.taxonomy().categories()).hasSizeGreaterThan(100);
        for (int node = 0; node < world.items().size(); node++) {
            Item item = world.items().get(node);
            for (Purpose purpose : world.taxonomy().purposes()) {
                for (Instant t : Worlds.times()) {
                    Decision d = decider.decide(node, purpose, t);
                    assertThat(new SpecReference.Outcome(d.effect(), d.reasons()).canonical())
                            .as("%s for %s at %s in %s", item.id(), purpose, t, world)
                            .isEqualTo(spec.decide(item.id(), purpose, t).canonical());
                }
                if (!decider.graph().lineageBroken(node)) {
                    for (Instant t : Worlds.times()) {
                        assertThat(new TreeSet<>(SpecReference.names(decider.labels(node, t))))
                                .isEqualTo(spec.labels(item.id(), t));
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<World> wideWorlds() {
        return Worlds.worlds(Worlds.wideTaxonomy());
    }

    @Property
    void adding_a_deny_rule_never_allows_more(@ForAll("worlds") World world, @ForAll("denyRules") Rule deny,
            @ForAll @IntRange(max = 2) int versionIndex, @ForAll @IntRange(max = 4) int position) {
        List<PolicyVersion> versions = new ArrayList<>(world.versions());
        int v = versionIndex % versions.size();
        PolicyVersion old = versions.get(v);
        List<Rule> rules = new ArrayList<>(old.rules());
        rules.add(Math.min(position, rules.size()), deny);
        versions.set(v, new PolicyVersion(old.family(), old.version(), old.effective(), old.defaultEffect(), rules,
                old.declassify(), old.sha256()));
        assertNeverAllowsMore(world, world.withVersions(versions));
    }

    @Provide
    Arbitrary<Rule> denyRules() {
        return Worlds.denyRule();
    }

    /**
     * A value set to false, locked (or at the user level, where a lock changes nothing), can only
     * turn settings off. An unlocked false above the user level is not "turning a setting off": it
     * replaces that level's latest value, and if that value was a locked false it lifts the lock,
     * so a lower level's true takes effect (see the example property below).
     */
    @Property
    void turning_a_setting_off_never_allows_more(@ForAll("worlds") World world, @ForAll("settingsTurnedOff") Event off) {
        assertNeverAllowsMore(world, world.plusEvent(off));
    }

    @Provide
    Arbitrary<Event> settingsTurnedOff() {
        return Worlds.settingChange(Arbitraries.just(false), Arbitraries.of(true, false)).map(e -> {
            Event.SettingChange s = (Event.SettingChange) e;
            boolean locked = s.locked() || s.scope().level() != Scope.Level.USER;
            return new Event.SettingChange(s.at(), s.actor(), s.role(), s.scope(), s.setting(), false, locked);
        });
    }

    @Example
    void an_unlocked_false_above_the_user_level_lifts_an_earlier_lock_so_the_users_own_true_counts() {
        SettingDefinition s1 = Worlds.CATALOG.setting("s1").orElseThrow();
        Item item = new Item("i0", "a", Optional.of("u"), Optional.empty(),
                Worlds.TAXONOMY.category("content.chat").orElseThrow(), Worlds.hour(1), List.of(), List.of(), Set.of());
        Rule allow = new Rule("r0", Effect.ALLOW, List.of(item.category()), List.of(purpose("analytics")),
                List.of(new Requirement.Setting(s1)), Optional.empty());
        World world = new World(Worlds.TAXONOMY, Worlds.CATALOG, Worlds.FAMILY,
                List.of(new PolicyVersion(Worlds.FAMILY, "v1", Worlds.hour(0), Effect.DENY, List.of(allow), List.of(), "x")),
                List.of(item), List.of(
                        new Event.SettingChange(Worlds.hour(0), "admin", "account_admin", Scope.account("a"), s1, false, true),
                        new Event.SettingChange(Worlds.hour(0), "u", "member", Scope.user("a", "u"), s1, true, false)));
        World unlocked = world.plusEvent(
                new Event.SettingChange(Worlds.hour(0), "admin", "account_admin", Scope.account("a"), s1, false, false));
        assertThat(world.decider().decide(0, purpose("analytics"), Worlds.hour(2)).allowed()).isFalse();
        assertThat(unlocked.decider().decide(0, purpose("analytics"), Worlds.hour(2)).allowed()).isTrue();
    }

    @Property
    void a_derived_item_keeps_every_label_of_its_parents_except_what_a_declassify_rule_drops(@ForAll("worlds") World world) {
        Decider decider = world.decider();
        SpecReference spec = new SpecReference(world);
        ItemGraph graph = decider.graph();
        for (int node = 0; node < graph.size(); node++) {
            Item x = graph.item(node);
            assertThat(graph.lineageBroken(node)).as("%s broken in %s", x.id(), world).isEqualTo(spec.lineageBroken(x));
            if (graph.lineageBroken(node)) {
                continue;
            }
            for (Instant t : Worlds.times()) {
                Set<String> labels = new TreeSet<>(SpecReference.names(decider.labels(node, t)));
                assertThat(labels).as("labels of %s at %s in %s", x.id(), t, world).contains(x.category().name());
                Set<String> droppable = droppable(world, x, t);
                for (String parent : x.parents()) {
                    int p = graph.node(parent).orElseThrow();
                    Set<String> inherited = new TreeSet<>(SpecReference.names(decider.labels(p, t)));
                    inherited.removeAll(droppable);
                    assertThat(labels).as("labels of %s at %s vs parent %s in %s", x.id(), t, graph.item(p).id(), world)
                            .containsAll(inherited);
                }
                assertThat(labels).as("labels of %s at %s in %s", x.id(), t, world).isEqualTo(spec.labels(x.id(), t));
            }
        }
    }

    /** Labels a declassify rule of the version in force at t drops for x's transforms. */
    private static Set<String> droppable(World world, Item x, Instant t) {
        Set<String> out = new HashSet<>();
        PolicyVersion inForce = null;
        for (PolicyVersion v : world.versions()) {
            if (!v.effective().isAfter(t) && (inForce == null || v.effective().isAfter(inForce.effective()))) {
                inForce = v;
            }
        }
        if (inForce == null) {
            return out;
        }
        for (Declassification d : inForce.declassify()) {
            if (x.transforms().contains(d.transform())) {
                for (Category c : Worlds.TAXONOMY.categories()) {
                    if (d.drops(c)) {
                        out.add(c.name());
                    }
                }
            }
        }
        return out;
    }

    /**
     * A later version that allows by default, taking effect after the item was created, never
     * allows more for an item created under the last existing version (or before any). For an item
     * created under an earlier version the spec consults only the version at creation and the one at
     * t, so an intermediate narrower version stops counting once the broader one is in force.
     */
    @Property
    void a_later_broader_version_never_allows_more_for_items_created_under_the_version_before_it(
            @ForAll("worlds") World world, @ForAll("broaderVersions") PolicyVersion broaderSomeTime,
            @ForAll @IntRange(min = 1, max = 12) int hoursAfterTheLast) {
        Instant last = world.versions().get(world.versions().size() - 1).effective();
        Instant effective = last.plus(Duration.ofHours(hoursAfterTheLast));
        PolicyVersion broader = new PolicyVersion(broaderSomeTime.family(), broaderSomeTime.version(), effective,
                Effect.ALLOW, broaderSomeTime.rules(), broaderSomeTime.declassify(), broaderSomeTime.sha256());
        List<PolicyVersion> versions = new ArrayList<>(world.versions());
        versions.add(broader);
        World after = world.withVersions(versions);
        Map<String, Boolean> before = allowed(world);
        Map<String, Boolean> now = allowed(after);
        for (Item item : world.items()) {
            boolean createdUnderLast = !item.created().isBefore(last) || item.created().isBefore(world.versions().get(0).effective());
            if (!item.created().isBefore(effective) || !createdUnderLast) {
                continue;
            }
            now.forEach((key, allowed) -> {
                if (key.startsWith(item.id() + "|") && allowed) {
                    assertThat(before.get(key)).as("%s after adding %s to %s", key, broader, world).isTrue();
                }
            });
        }
    }

    @Provide
    Arbitrary<PolicyVersion> broaderVersions() {
        return Worlds.version("v9", Worlds.hour(Worlds.HOURS));
    }

    /** SPEC.md: "a pure function of the item, its ancestors, the ledger as of that time and the policy versions". */
    @Property
    void a_decision_at_t_ignores_every_event_after_t(@ForAll("worlds") World world) {
        Decider all = world.decider();
        for (Instant t : Worlds.times()) {
            Decider asOfT = world.withEvents(world.events().stream().filter(e -> !e.at().isAfter(t)).toList()).decider();
            for (int node = 0; node < world.items().size(); node++) {
                for (Purpose purpose : Worlds.purposes()) {
                    assertThat(all.decide(node, purpose, t)).as("%s at %s in %s", world.items().get(node).id(), t, world)
                            .isEqualTo(asOfT.decide(node, purpose, t));
                }
            }
        }
    }

    /** SPEC.md: "a pure function of the item, its ancestors, ...": other items do not matter. */
    @Property
    void a_decision_ignores_every_item_that_is_not_an_ancestor(@ForAll("worlds") World world) {
        Decider all = world.decider();
        for (int node = 0; node < world.items().size(); node++) {
            Item x = world.items().get(node);
            Set<Integer> keep = new HashSet<>();
            keep.add(node);
            for (int a : all.graph().ancestors(node)) {
                keep.add(a);
            }
            List<Item> lineage = new ArrayList<>();
            for (int i = 0; i < world.items().size(); i++) {
                if (keep.contains(i)) {
                    lineage.add(world.items().get(i));
                }
            }
            Decider alone = world.withItems(lineage).decider();
            int same = alone.graph().node(x.id()).orElseThrow();
            for (Purpose purpose : Worlds.purposes()) {
                for (Instant t : Worlds.times()) {
                    assertThat(alone.decide(same, purpose, t)).as("%s for %s at %s in %s", x.id(), purpose, t, world)
                            .isEqualTo(all.decide(node, purpose, t));
                }
            }
        }
    }

    @Property
    void decisions_do_not_depend_on_the_order_items_are_listed_in(@ForAll("worlds") World world, @ForAll long seed) {
        List<Item> shuffled = new ArrayList<>(world.items());
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, Decision> before = decisions(world);
        Map<String, Decision> after = decisions(world.withItems(shuffled));
        assertThat(after).as("%s", world).isEqualTo(before);
    }

    private static void assertNeverAllowsMore(World before, World after) {
        Map<String, Boolean> was = allowed(before);
        allowed(after).forEach((key, allowed) -> {
            if (allowed) {
                assertThat(was.get(key)).as("%s was denied in %s but is allowed in %s", key, before, after).isTrue();
            }
        });
    }

    /** item|purpose|time -> allowed, for every item, purpose and hour. */
    private static Map<String, Boolean> allowed(World world) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        decisions(world).forEach((key, d) -> out.put(key, d.allowed()));
        return out;
    }

    private static Map<String, Decision> decisions(World world) {
        Decider decider = world.decider();
        Map<String, Decision> out = new LinkedHashMap<>();
        for (int node = 0; node < decider.graph().size(); node++) {
            for (Purpose purpose : Worlds.purposes()) {
                for (Instant t : Worlds.times()) {
                    out.put(decider.graph().item(node).id() + "|" + purpose + "|" + t, decider.decide(node, purpose, t));
                }
            }
        }
        return out;
    }

    private static Purpose purpose(String name) {
        return Worlds.TAXONOMY.purpose(name).orElseThrow();
    }
}
