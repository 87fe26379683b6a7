package dev.consentry.benchmarks;

import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Names;
import dev.consentry.item.Item;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * A realistic world for the kernel benchmarks, built in memory: the default taxonomy and catalog,
 * three policy versions shaped like the 2023 terms (service-generated data for anything, content
 * for first-party training with consent and notice, then a deny on content training), and
 * meetings whose items have lineage three deep (audio, transcript, summary, and an aggregated
 * statistic over the summary and the chat), with settings, memberships, acknowledgements and a
 * few objections and erasures.
 */
final class Fixture {
    static final Instant START = Instant.parse("2023-07-01T00:00:00Z");

    final PolicyBundle bundle;
    final EventIndex state;
    final ItemGraph graph;

    Fixture(int meetings, long seed) {
        Taxonomy taxonomy = Taxonomy.defaults();
        SettingsCatalog catalog = SettingsCatalog.defaults();
        this.bundle = new PolicyBundle(taxonomy, catalog, history(taxonomy, catalog), "benchmark");
        SplittableRandom random = new SplittableRandom(seed);
        EventIndex.Builder events = EventIndex.builder(catalog);
        // As in a gate, events and items name accounts, users and meetings with the same strings.
        Names names = new Names();
        List<Item> items = new ArrayList<>(meetings * 6);
        int accounts = Math.max(1, meetings / 200);
        for (int a = 0; a < accounts; a++) {
            String account = name(names, "acct" + a);
            boolean share = random.nextInt(3) != 0;
            events.add(new Event.SettingChange(START, "owner", "account_admin", Scope.account(account),
                    catalog.setting("ai.meeting_summary.enabled").orElseThrow(), true, false));
            events.add(new Event.SettingChange(START, "owner", "account_admin", Scope.account(account),
                    catalog.setting("ai.meeting_summary.share_for_training").orElseThrow(), share, false));
            for (int u = 0; u < 20; u++) {
                events.add(new Event.Membership(START, account, name(names, "u" + u), "g" + (u % 4)));
            }
            events.add(new Event.SettingChange(START.plusSeconds(60), "owner", "account_admin", Scope.group(account, "g3"),
                    catalog.setting("ai.meeting_summary.share_for_training").orElseThrow(), false, true));
        }
        for (int m = 0; m < meetings; m++) {
            String account = name(names, "acct" + random.nextInt(accounts));
            String meeting = name(names, "m" + m);
            Instant created = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            List<String> subjects = List.of(name(names, "u" + random.nextInt(20)), name(names, "u" + random.nextInt(20)));
            Optional<String> owner = Optional.of(subjects.get(0));
            for (String subject : subjects) {
                events.add(new Event.NoticeAck(created.minusSeconds(60), meeting, subject,
                        catalog.notice("ai_processing").orElseThrow()));
            }
            if (random.nextInt(20) == 0) {
                events.add(new Event.Objection(created.plusSeconds(600), meeting, subjects.get(1),
                        catalog.notice("ai_processing").orElseThrow()));
            }
            if (random.nextInt(50) == 0) {
                events.add(new Event.Erasure(created.plus(Duration.ofDays(3)), meeting + "/audio"));
            }
            items.add(item(taxonomy, meeting + "/audio", account, owner, meeting, "customer_content.audio", created, subjects, List.of(), Set.of()));
            items.add(item(taxonomy, meeting + "/transcript", account, owner, meeting, "customer_content.transcript", created, subjects,
                    List.of(meeting + "/audio"), Set.of()));
            items.add(item(taxonomy, meeting + "/summary", account, owner, meeting, "customer_content.meeting_summary", created, subjects,
                    List.of(meeting + "/transcript"), Set.of()));
            items.add(item(taxonomy, meeting + "/chat", account, owner, meeting, "customer_content.chat", created, subjects, List.of(), Set.of()));
            items.add(item(taxonomy, meeting + "/stats", account, owner, meeting, "service_generated.usage", created, subjects,
                    List.of(meeting + "/summary", meeting + "/chat"), Set.of(taxonomy.transform("aggregated").orElseThrow())));
            items.add(item(taxonomy, meeting + "/telemetry", account, owner, meeting, "service_generated.telemetry", created, subjects,
                    List.of(), Set.of()));
        }
        this.state = events.build();
        this.graph = ItemGraph.of(items);
    }

    private static String name(Names names, String name) {
        return names.name(names.id(name));
    }

    DecisionEngine engine() {
        return new DecisionEngine(bundle, state);
    }

    private static Item item(Taxonomy taxonomy, String id, String account, Optional<String> owner, String meeting, String category,
            Instant created, List<String> subjects, List<String> parents, Set<dev.consentry.taxonomy.Transform> transforms) {
        return new Item(id, account, owner, Optional.of(meeting), taxonomy.category(category).orElseThrow(), created, subjects,
                parents, transforms);
    }

    private static PolicyHistory history(Taxonomy taxonomy, SettingsCatalog catalog) {
        Category content = taxonomy.category("customer_content").orElseThrow();
        Category serviceGenerated = taxonomy.category("service_generated").orElseThrow();
        Requirement share = new Requirement.Setting(catalog.setting("ai.meeting_summary.share_for_training").orElseThrow());
        Requirement notice = new Requirement.Notice(catalog.notice("ai_processing").orElseThrow());
        Rule sgd = new Rule("service-generated-any", Effect.ALLOW, List.of(serviceGenerated),
                List.of(taxonomy.purpose("service").orElseThrow(), taxonomy.purpose("ai").orElseThrow()), List.of(), Optional.empty());
        Rule provide = new Rule("content-provide", Effect.ALLOW, List.of(content),
                List.of(taxonomy.purpose("service.provide").orElseThrow()), List.of(), Optional.empty());
        Rule consented = new Rule("content-training-with-consent", Effect.ALLOW, List.of(content),
                List.of(taxonomy.purpose("ai.training.first_party").orElseThrow()), List.of(share, notice), Optional.empty());
        Rule never = new Rule("no-content-training", Effect.DENY, List.of(content),
                List.of(taxonomy.purpose("ai.training").orElseThrow()), List.of(), Optional.empty());
        Declassification aggregated = new Declassification("statistics", List.of(content),
                taxonomy.transform("aggregated").orElseThrow(), Optional.empty());
        return new PolicyHistory("benchmark-terms", List.of(
                version("1", "2023-07-27T00:00:00Z", List.of(sgd, provide, consented), aggregated),
                version("2", "2023-08-07T00:00:00Z", List.of(sgd, provide, consented), aggregated),
                version("3", "2023-08-11T00:00:00Z", List.of(sgd, provide, never), aggregated)));
    }

    private static PolicyVersion version(String version, String effective, List<Rule> rules, Declassification declassify) {
        return new PolicyVersion("benchmark-terms", version, Instant.parse(effective), Effect.DENY, rules, List.of(declassify),
                "0".repeat(64));
    }
}
