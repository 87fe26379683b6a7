package dev.consentry.taxonomy;

import static java.util.Objects.requireNonNull;

/** A transform applied when an item was derived, such as {@code aggregated}. */
public record Transform(String name, int index) {
    public Transform {
        requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
        return name;
    }
}
