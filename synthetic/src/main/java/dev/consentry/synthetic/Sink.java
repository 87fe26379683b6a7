package dev.consentry.synthetic;

import dev.consentry.consent.Event;
import dev.consentry.item.Item;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where generated items and events go, with the count that stops generation: once the item limit
 * is reached every further item is refused, so a child whose parent was refused is refused too
 * (it comes later). Events are never refused; the generator asks {@link #full()} before it starts
 * anything new, and emits an item's erasure only if the item was accepted.
 */
final class Sink {
    private final Consumer<Item> items;
    private final Consumer<Event> events;
    private final long limit;
    private long itemCount;
    private long eventCount;
    private long lineageFaults;
    private final long[] byCategory;
    private final Map<String, Long> byEventType = new HashMap<>();

    Sink(Consumer<Item> items, Consumer<Event> events, long limit, int categories) {
        this.items = items;
        this.events = events;
        this.limit = limit;
        this.byCategory = new long[categories];
    }

    boolean full() {
        return itemCount >= limit;
    }

    /** Passes the item on unless the limit is reached; true if it was. */
    boolean item(Item item) {
        if (itemCount >= limit) {
            return false;
        }
        items.accept(item);
        itemCount++;
        byCategory[item.category().index()]++;
        return true;
    }

    /** An accepted item names a parent that was never emitted, on purpose. */
    void lineageFault() {
        lineageFaults++;
    }

    void event(Event event) {
        events.accept(event);
        eventCount++;
        byEventType.merge(event.type(), 1L, Long::sum);
    }

    long items() {
        return itemCount;
    }

    long events() {
        return eventCount;
    }

    long lineageFaults() {
        return lineageFaults;
    }

    long itemsOf(int categoryIndex) {
        return byCategory[categoryIndex];
    }

    TreeMap<String, Long> eventsByType() {
        return new TreeMap<>(byEventType);
    }
}
