package dev.consentry.synthetic;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a generation produced.
 *
 * @param itemsByCategory items per category name
 * @param eventsByType events per event type ({@code setting}, {@code membership}, ...)
 * @param lineageFaults items that name a parent no generated item has, on purpose
 */
public record PlatformSummary(long accounts, long users, long guests, long meetings, long items, long events,
        SortedMap<String, Long> itemsByCategory, SortedMap<String, Long> eventsByType, long lineageFaults) {
    public PlatformSummary {
        itemsByCategory = Collections.unmodifiableSortedMap(new TreeMap<>(itemsByCategory));
        eventsByType = Collections.unmodifiableSortedMap(new TreeMap<>(eventsByType));
        if (itemsByCategory.values().stream().mapToLong(Long::longValue).sum() != items) {
            throw new IllegalArgumentException("items by category do not add up to " + items);
        }
        if (eventsByType.values().stream().mapToLong(Long::longValue).sum() != events) {
            throw new IllegalArgumentException("events by type do not add up to " + events);
        }
    }
}
