package dev.consentry.policy;

import static java.util.Objects.requireNonNull;

import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Transform;
import java.util.List;
import java.util.Optional;

/**
 * The one way a label is dropped: a child made with {@code transform} does not inherit its
 * parents' labels under any of {@code from} (for example, aggregation turns content into
 * service-generated statistics).
 */
public record Declassification(String id, List<Category> from, Transform transform, Optional<String> text) {
    public Declassification {
        requireNonNull(id, "id is null");
        from = List.copyOf(from);
        requireNonNull(transform, "transform is null");
        requireNonNull(text, "text is null");
        if (id.isEmpty() || from.isEmpty()) {
            throw new IllegalArgumentException("declassify rule needs an id and at least one category");
        }
    }

    public boolean drops(Category label) {
        return from.stream().anyMatch(c -> c.covers(label));
    }
}
