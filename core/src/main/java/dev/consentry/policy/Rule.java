package dev.consentry.policy;

import static java.util.Objects.requireNonNull;

import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.util.List;
import java.util.Optional;

/**
 * One allow or deny rule over (category, purpose). It matches a label and a purpose when one of
 * its categories covers the label and one of its purposes covers the purpose. Only allow rules
 * carry requirements: a requirement on a deny rule would make a prohibition conditional, which no
 * clause of terms of service means and which would let missing data widen what is allowed.
 */
public record Rule(String id, Effect effect, List<Category> categories, List<Purpose> purposes,
        List<Requirement> requires, Optional<String> text) {
    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(effect, "effect is null");
        categories = List.copyOf(categories);
        purposes = List.copyOf(purposes);
        requires = List.copyOf(requires);
        requireNonNull(text, "text is null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("rule id is empty");
        }
        if (categories.isEmpty() || purposes.isEmpty()) {
            throw new IllegalArgumentException("rule '" + id + "' needs at least one category and one purpose");
        }
        if (effect == Effect.DENY && !requires.isEmpty()) {
            throw new IllegalArgumentException("deny rule '" + id + "' has requirements; only allow rules may");
        }
    }

    public boolean matches(Category label, Purpose purpose) {
        return categories.stream().anyMatch(c -> c.covers(label)) && purposes.stream().anyMatch(p -> p.covers(purpose));
    }
}
