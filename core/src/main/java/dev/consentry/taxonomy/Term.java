package dev.consentry.taxonomy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A node of one of the taxonomy's dotted-name trees. {@code customer_content.audio} is a child of
 * {@code customer_content}; a term covers itself and everything below it. Terms are canonical
 * within their {@link Taxonomy}: one object per name, numbered densely from 0 so the engine can
 * index arrays by them.
 */
public abstract sealed class Term<T extends Term<T>> permits Category, Purpose {
    private final String name;
    private final int index;
    private final T parent;
    private final int depth;

    Term(String name, int index, T parent) {
        this.name = requireNonNull(name, "name is null");
        this.index = index;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth() + 1;
    }

    public final String name() {
        return name;
    }

    /** Dense number of this term in its tree, 0-based; parents are numbered before children. */
    public final int index() {
        return index;
    }

    public final Optional<T> parent() {
        return Optional.ofNullable(parent);
    }

    public final int depth() {
        return depth;
    }

    /** True when this term is {@code other} or one of its ancestors. */
    public final boolean covers(T other) {
        Term<T> t = other;
        while (t != null && t.depth >= depth) {
            if (t == this) {
                return true;
            }
            t = t.parent;
        }
        return false;
    }

    @Override
    public final String toString() {
        return name;
    }
}
