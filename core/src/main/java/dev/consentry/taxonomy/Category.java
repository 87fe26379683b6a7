package dev.consentry.taxonomy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A data category such as {@code customer_content.audio}, with its fideslang equivalent if named. */
public final class Category extends Term<Category> {
    private final Optional<String> fideslang;

    Category(String name, int index, Category parent, Optional<String> fideslang) {
        super(name, index, parent);
        this.fideslang = requireNonNull(fideslang, "fideslang is null");
    }

    /** The equivalent category in the fideslang privacy taxonomy, e.g. {@code user.content}. */
    public Optional<String> fideslang() {
        return fideslang;
    }
}
