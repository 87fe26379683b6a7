package dev.consentry.testing;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.decision.Decider;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemGraph;
import dev.consentry.item.Item;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole decision problem held in memory: a taxonomy and settings catalog, the versions of one
 * policy family, items, and events in recording order. Tests change one part and compare.
 */
public record World(Taxonomy taxonomy, SettingsCatalog catalog, String family, List<PolicyVersion> versions,
        List<Item> items, List<Event> events) {
    public World {
        requireNonNull(taxonomy, "taxonomy is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(family, "family is null");
        versions = List.copyOf(versions);
        items = List.copyOf(items);
        events = List.copyOf(events);
    }

    public PolicyBundle bundle() {
        return new PolicyBundle(taxonomy, catalog, new PolicyHistory(family, versions), "in-memory");
    }

    public EventIndex state() {
        EventIndex.Builder builder = EventIndex.builder(catalog);
        events.forEach(builder::add);
        return builder.build();
    }

    /** The real engine over this world's items. */
    public Decider decider() {
        return new DecisionEngine(bundle(), state()).over(ItemGraph.of(items));
    }

    public World withVersions(List<PolicyVersion> newVersions) {
        return new World(taxonomy, catalog, family, newVersions, items, events);
    }

    public World withItems(List<Item> newItems) {
        return new World(taxonomy, catalog, family, versions, newItems, events);
    }

    public World withEvents(List<Event> newEvents) {
        return new World(taxonomy, catalog, family, versions, items, newEvents);
    }

    /** This world with one more event recorded after all the others. */
    public World plusEvent(Event event) {
        List<Event> more = new ArrayList<>(events);
        more.add(event);
        return withEvents(more);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("World[").append(family).append('\n');
        versions.forEach(v -> s.append("  ").append(WorldFiles.policyYaml(v).replace("\n", "\n  ")).append('\n'));
        items.forEach(i -> s.append("  ").append(WorldFiles.itemJson(i)).append('\n'));
        events.forEach(e -> s.append("  ").append(WorldFiles.eventJson(e)).append('\n'));
        return s.append(']').toString();
    }
}
