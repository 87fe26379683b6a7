package dev.consentry.testing;

import dev.consentry.consent.Event;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.item.Item;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.taxonomy.Transform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random small worlds for property tests. Everything is drawn from small pools so that the
 * interesting coincidences happen often: two events at one instant, an item created exactly when a
 * version takes effect, a parent id nobody has, a cycle, a lock above a user's own value.
 *
 * <p>Times are whole hours from {@link #T0} (0 to {@link #HOURS}); there are at most 8 items
 * ({@code i0..i7}), and a parent reference may name an item that was not generated or
 * {@code ghost}, which no item ever has.
 */
public final class Worlds {
    public static final Instant T0 = Instant.parse("2023-08-01T00:00:00Z");
    public static final int HOURS = 24;
    public static final String FAMILY = "random-terms";

    /** Two small trees: categories under content, stats and profile; purposes under ai, service and analytics. */
    public static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("content.audio", Optional.of("user.content"))
            .category("content.audio.clip", Optional.empty())
            .category("content.chat", Optional.empty())
            .category("stats.usage", Optional.empty())
            .category("stats.quality", Optional.empty())
            .category("profile", Optional.empty())
            .purpose("ai.training.first_party")
            .purpose("ai.training.third_party")
            .purpose("ai.inference")
            .purpose("service.provide")
            .purpose("analytics")
            .build();

    /** s3 needs s1; s2 is on by default. */
    public static final SettingsCatalog CATALOG = SettingsCatalog.builder()
            .setting("s1", false, List.of())
            .setting("s2", true, List.of())
            .setting("s3", false, List.of("s1"))
            .notice("n1", "AI is processing this meeting.")
            .notice("n2", "This meeting is recorded.")
            .build();

    static final List<String> ACCOUNTS = List.of("a", "b");
    static final List<String> USERS = List.of("u", "v", "w");
    static final List<String> GROUPS = List.of("g1", "g2");
    static final List<String> MEETINGS = List.of("m1", "m2");

    private Worlds() {}

    public static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    /** Every hour of the grid, 0 to {@link #HOURS}, as decision times. */
    public static List<Instant> times() {
        return IntStream.rangeClosed(0, HOURS).mapToObj(Worlds::hour).toList();
    }

    public static List<Purpose> purposes() {
        return TAXONOMY.purposes();
    }

    public static Arbitrary<World> worlds() {
        return worlds(TAXONOMY);
    }

    /** Worlds over another taxonomy; categories whose name starts with {@code filler} are never drawn. */
    public static Arbitrary<World> worlds(Taxonomy taxonomy) {
        return Combinators.combine(versions(taxonomy), items(taxonomy), events())
                .as((versions, items, events) -> new World(taxonomy, CATALOG, FAMILY, versions, items, events));
    }

    /**
     * {@link #TAXONOMY} behind 100 filler categories, so every category a world uses has an index
     * above 64 and label sets span two or more words.
     */
    public static Taxonomy wideTaxonomy() {
        Taxonomy.Builder b = Taxonomy.builder();
        for (int i = 0; i < 100; i++) {
            b.category(String.format("filler.c%03d", i), Optional.empty());
        }
        for (Category c : TAXONOMY.categories()) {
            b.category(c.name(), c.fideslang());
        }
        TAXONOMY.purposes().forEach(p -> b.purpose(p.name()));
        return b.build();
    }

    static Arbitrary<Integer> hours() {
        return Arbitraries.integers().between(0, HOURS);
    }

    static Arbitrary<Category> categories(Taxonomy taxonomy) {
        return Arbitraries.of(taxonomy.categories().stream().filter(c -> !c.name().startsWith("filler")).toList());
    }

    static Arbitrary<Purpose> purposeTerms(Taxonomy taxonomy) {
        return Arbitraries.of(taxonomy.purposes());
    }

    static Arbitrary<Transform> transforms() {
        return Arbitraries.of(TAXONOMY.transforms());
    }

    static Arbitrary<Requirement> requirements() {
        List<Requirement> all = new ArrayList<>();
        CATALOG.settings().forEach(s -> all.add(new Requirement.Setting(s)));
        CATALOG.notices().forEach(n -> all.add(new Requirement.Notice(n)));
        TAXONOMY.transforms().forEach(t -> all.add(new Requirement.Transformed(t)));
        return Arbitraries.of(all);
    }

    /** 1 to 3 versions with distinct effective hours; the first often takes effect after some items exist. */
    public static Arbitrary<List<PolicyVersion>> versions(Taxonomy taxonomy) {
        return hours().list().uniqueElements().ofMinSize(1).ofMaxSize(3).flatMap(effective -> {
            List<Integer> sorted = effective.stream().sorted().toList();
            List<Arbitrary<PolicyVersion>> each = new ArrayList<>();
            for (int k = 0; k < sorted.size(); k++) {
                each.add(version(taxonomy, "v" + (k + 1), hour(sorted.get(k))));
            }
            return Combinators.combine(each).as(List::copyOf);
        });
    }

    public static Arbitrary<PolicyVersion> version(String name, Instant effective) {
        return version(TAXONOMY, name, effective);
    }

    public static Arbitrary<PolicyVersion> version(Taxonomy taxonomy, String name, Instant effective) {
        return Combinators.combine(
                Arbitraries.of(Effect.class),
                rule(taxonomy).list().ofMaxSize(4),
                declassification(taxonomy).list().ofMaxSize(2))
                .as((defaultEffect, rules, declassify) -> new PolicyVersion(FAMILY, name, effective, defaultEffect,
                        IntStream.range(0, rules.size()).mapToObj(i -> renamed(rules.get(i), "r" + i)).toList(),
                        IntStream.range(0, declassify.size()).mapToObj(i -> renamed(declassify.get(i), "d" + i)).toList(),
                        "sha-" + name));
    }

    /** A rule with a placeholder id; deny rules never have requirements. */
    public static Arbitrary<Rule> rule(Taxonomy taxonomy) {
        return Combinators.combine(
                Arbitraries.of(Effect.class),
                categories(taxonomy).list().uniqueElements().ofMinSize(1).ofMaxSize(2),
                purposeTerms(taxonomy).list().uniqueElements().ofMinSize(1).ofMaxSize(2),
                requirements().list().uniqueElements().ofMaxSize(2))
                .as((effect, categories, purposes, requires) -> new Rule("rule", effect, List.copyOf(categories),
                        List.copyOf(purposes), effect == Effect.DENY ? List.of() : List.copyOf(requires), Optional.empty()));
    }

    public static Arbitrary<Rule> denyRule() {
        return Combinators.combine(categories(TAXONOMY).list().uniqueElements().ofMinSize(1).ofMaxSize(2),
                        purposeTerms(TAXONOMY).list().uniqueElements().ofMinSize(1).ofMaxSize(2))
                .as((categories, purposes) -> new Rule("extra-deny", Effect.DENY, List.copyOf(categories),
                        List.copyOf(purposes), List.of(), Optional.of("An added prohibition.")));
    }

    static Arbitrary<Declassification> declassification(Taxonomy taxonomy) {
        return Combinators.combine(categories(taxonomy).list().uniqueElements().ofMinSize(1).ofMaxSize(2), transforms())
                .as((from, transform) -> new Declassification("declassify", List.copyOf(from), transform, Optional.empty()));
    }

    static Rule renamed(Rule r, String id) {
        return new Rule(id, r.effect(), r.categories(), r.purposes(), r.requires(), r.text());
    }

    static Declassification renamed(Declassification d, String id) {
        return new Declassification(id, d.from(), d.transform(), d.text());
    }

    /** 1 to 8 items i0..; parents mostly name earlier items, sometimes any id (a cycle, itself, one not generated) or ghost. */
    public static Arbitrary<List<Item>> items(Taxonomy taxonomy) {
        return Arbitraries.integers().between(1, 8).flatMap(n -> {
            List<Arbitrary<Item>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                each.add(item(taxonomy, i));
            }
            return Combinators.combine(each).as(List::copyOf);
        });
    }

    static Arbitrary<Item> item(Taxonomy taxonomy, int index) {
        Arbitrary<String> parent = Arbitraries.integers().between(0, 99).map(r -> {
            if (index > 0 && r < 75) {
                return "i" + (r % index);
            }
            return r < 96 ? "i" + (r % 8) : "ghost";
        });
        Arbitrary<List<String>> parents = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.<String>of())),
                Tuple.of(3, parent.list().ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(
                Arbitraries.of(ACCOUNTS),
                Arbitraries.of("u", "v", "").map(u -> u.isEmpty() ? Optional.<String>empty() : Optional.of(u)),
                Arbitraries.of("m1", "m2", "").map(m -> m.isEmpty() ? Optional.<String>empty() : Optional.of(m)),
                categories(taxonomy),
                hours(),
                Arbitraries.of(USERS).list().uniqueElements().ofMaxSize(2),
                parents,
                transforms().list().uniqueElements().ofMaxSize(2))
                .as((account, user, meeting, category, created, subjects, ps, ts) -> new Item("i" + index, account, user,
                        meeting, category, hour(created), subjects.stream().sorted().toList(), ps, Set.copyOf(ts)));
    }

    public static Arbitrary<List<Event>> events() {
        return event().list().ofMaxSize(14);
    }

    static Arbitrary<Event> event() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, settingChange(Arbitraries.of(true, false), Arbitraries.of(false, false, true))),
                Tuple.of(2, membership()),
                Tuple.of(4, notice(true)),
                Tuple.of(1, notice(false)),
                Tuple.of(1, erasure()));
    }

    public static Arbitrary<Scope> scopes() {
        return Arbitraries.of(
                Scope.account("a"), Scope.account("b"),
                Scope.group("a", "g1"), Scope.group("a", "g2"), Scope.group("b", "g1"),
                Scope.user("a", "u"), Scope.user("a", "v"), Scope.user("b", "u"));
    }

    public static Arbitrary<SettingDefinition> settings() {
        return Arbitraries.of(CATALOG.settings());
    }

    public static Arbitrary<Event> settingChange(Arbitrary<Boolean> values, Arbitrary<Boolean> locks) {
        return Combinators.combine(hours(), scopes(), settings(), values, locks)
                .as((h, scope, setting, value, locked) -> new Event.SettingChange(hour(h), "admin", "account_admin",
                        scope, setting, value, locked));
    }

    static Arbitrary<Event> membership() {
        return Combinators.combine(hours(), Arbitraries.of(ACCOUNTS), Arbitraries.of("u", "v"), Arbitraries.of(GROUPS))
                .as((h, account, user, group) -> new Event.Membership(hour(h), account, user, group));
    }

    static Arbitrary<Event> notice(boolean ack) {
        return Combinators.combine(hours(), Arbitraries.of(MEETINGS), Arbitraries.of(USERS), Arbitraries.of(CATALOG.notices()))
                .as((h, meeting, user, notice) -> ack
                        ? new Event.NoticeAck(hour(h), meeting, user, notice)
                        : new Event.Objection(hour(h), meeting, user, notice));
    }

    static Arbitrary<Event> erasure() {
        return Combinators.combine(hours(), Arbitraries.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "ghost"))
                .as((h, item) -> new Event.Erasure(hour(h), item));
    }

    /** The notice definitions, for tests that build events by hand. */
    public static NoticeDefinition notice(String kind) {
        return CATALOG.notice(kind).orElseThrow();
    }
}
