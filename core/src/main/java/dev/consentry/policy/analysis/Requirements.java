package dev.consentry.policy.analysis;

import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.policy.Requirement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When one list of requirements holds whenever another does. Requirements are compared by their
 * policy-file spelling ({@code setting:KEY}, {@code notice:KIND}, {@code transform:NAME}), so two
 * versions read against different catalogs still compare.
 */
final class Requirements {
    private Requirements() {}

    /**
     * What is certainly met when every one of {@code requires} is: each requirement itself and,
     * for {@code setting:K}, {@code setting:R} for every R that K requires, transitively (SPEC.md
     * step 6: K is on only while every setting it requires is on, both when the item was created
     * and at decision time).
     */
    static Set<String> implied(List<Requirement> requires, SettingsCatalog catalog) {
        Set<String> implied = new LinkedHashSet<>();
        for (Requirement r : requires) {
            implied.add(r.toString());
            if (r instanceof Requirement.Setting s) {
                prerequisites(s.setting(), catalog).forEach(key -> implied.add("setting:" + key));
            }
        }
        return implied;
    }

    /** True when {@code weaker} holds for every item for which {@code stronger} holds. */
    static boolean implies(List<Requirement> stronger, List<Requirement> weaker, SettingsCatalog catalog) {
        return implied(stronger, catalog).containsAll(spellings(weaker));
    }

    /**
     * {@link #implies} with what each rule's requirements imply worked out once: a matrix asks
     * about the same rules for every pair, and walking the settings catalog for every question
     * took 21 s for 100 rules on settings that each require a chain of 1,000 (measured).
     */
    static final class Implication {
        private final SettingsCatalog catalog;
        private final Map<List<Requirement>, Set<String>> impliedBy = new IdentityHashMap<>();
        private final Map<List<Requirement>, Set<String>> spelled = new IdentityHashMap<>();

        Implication(SettingsCatalog catalog) {
            this.catalog = catalog;
        }

        boolean implies(List<Requirement> stronger, List<Requirement> weaker) {
            return impliedBy.computeIfAbsent(stronger, r -> implied(r, catalog))
                    .containsAll(spelled.computeIfAbsent(weaker, Requirements::spellings));
        }
    }

    static Set<String> spellings(List<Requirement> requires) {
        Set<String> spellings = new LinkedHashSet<>();
        requires.forEach(r -> spellings.add(r.toString()));
        return spellings;
    }

    /**
     * The settings that require {@code setting}, directly or through another, in catalog order:
     * one walk back along requirements, where asking each setting for its prerequisites took
     * 19 s for a catalog of 20,000 (measured).
     */
    static List<SettingDefinition> dependents(SettingDefinition setting, SettingsCatalog catalog) {
        Map<String, List<SettingDefinition>> requiredBy = new HashMap<>();
        for (SettingDefinition s : catalog.settings()) {
            for (String key : s.requires()) {
                requiredBy.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        Set<String> found = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(setting.key()));
        while (!pending.isEmpty()) {
            for (SettingDefinition dependent : requiredBy.getOrDefault(pending.pop(), List.of())) {
                if (found.add(dependent.key())) {
                    pending.push(dependent.key());
                }
            }
        }
        return catalog.settings().stream().filter(s -> found.contains(s.key())).toList();
    }

    /** The keys of every setting {@code setting} requires, directly or through another. */
    static Set<String> prerequisites(SettingDefinition setting, SettingsCatalog catalog) {
        Set<String> keys = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(setting.requires());
        while (!pending.isEmpty()) {
            String key = pending.pop();
            if (keys.add(key)) {
                // The catalog guarantees every required key is defined and the graph is acyclic.
                pending.addAll(catalog.setting(key).orElseThrow(() -> new IllegalStateException(
                        "setting '" + setting.key() + "' requires '" + key + "', which the catalog lacks")).requires());
            }
        }
        return keys;
    }
}
