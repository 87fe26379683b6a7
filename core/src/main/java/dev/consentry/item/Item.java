package dev.consentry.item;

import static java.util.Objects.requireNonNull;

import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Transform;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One piece of data: its id, account, optional owner and meeting, category, creation time, the
 * users whose data it holds, the items it was derived from, and the transforms applied when it
 * was made.
 */
public record Item(String id, String account, Optional<String> user, Optional<String> meeting, Category category,
        Instant created, List<String> subjects, List<String> parents, Set<Transform> transforms) {
    public Item {
        requireNonNull(id, "id is null");
        requireNonNull(account, "account is null");
        requireNonNull(user, "user is null");
        requireNonNull(meeting, "meeting is null");
        requireNonNull(category, "category is null");
        requireNonNull(created, "created is null");
        subjects = List.copyOf(subjects);
        parents = List.copyOf(parents);
        transforms = Set.copyOf(transforms);
        if (id.isEmpty() || account.isEmpty()) {
            throw new IllegalArgumentException("item id and account are not empty");
        }
    }
}
