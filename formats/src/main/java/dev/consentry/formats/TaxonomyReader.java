package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.DUPLICATE_ID;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.taxonomy.Taxonomy;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code taxonomy.yaml} and {@code settings.yaml} of a policy directory. */
final class TaxonomyReader {
    private TaxonomyReader() {}

    static Taxonomy taxonomy(Node root) {
        root.onlyKeys(Set.of("categories", "purposes", "transforms"));
        Taxonomy.Builder builder = Taxonomy.builder();
        Set<String> seen = new HashSet<>();
        for (Node c : root.required("categories").elements()) {
            c.onlyKeys(Set.of("name", "fideslang"));
            Node nameNode = c.required("name");
            String name = dottedName(nameNode, seen);
            Optional<String> fideslang = c.optional("fideslang").map(TaxonomyReader::fideslang);
            try {
                builder.category(name, fideslang);
            } catch (IllegalArgumentException e) {
                throw c.error(BAD_VALUE, e.getMessage());
            }
        }
        seen.clear();
        for (Node p : root.required("purposes").elements()) {
            p.onlyKeys(Set.of("name"));
            String name = dottedName(p.required("name"), seen);
            try {
                builder.purpose(name);
            } catch (IllegalArgumentException e) {
                throw p.error(BAD_VALUE, e.getMessage());
            }
        }
        root.optional("transforms").ifPresent(t -> {
            List<String> names = t.texts();
            Set<String> listed = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                if (!Taxonomy.isValidTransformName(names.get(i))) {
                    throw t.elements().get(i).error(BAD_VALUE, "a transform name is lowercase letters, digits and underscores");
                }
                if (!listed.add(names.get(i))) {
                    throw t.elements().get(i).error(DUPLICATE_ID, "transform '" + names.get(i) + "' is listed twice");
                }
            }
            builder.transforms(names);
        });
        return builder.build();
    }

    static SettingsCatalog catalog(Node root) {
        root.onlyKeys(Set.of("settings", "notices"));
        SettingsCatalog.Builder builder = SettingsCatalog.builder();
        Set<String> declared = new HashSet<>();
        List<Node> settings = root.required("settings").elements();
        for (Node s : settings) {
            s.onlyKeys(Set.of("key", "default", "requires"));
            dottedName(s.required("key"), declared);
        }
        for (Node s : settings) {
            String key = s.required("key").text();
            Optional<Node> requiresNode = s.optional("requires");
            List<String> requires = requiresNode.map(Node::texts).orElse(List.of());
            for (int i = 0; i < requires.size(); i++) {
                if (!declared.contains(requires.get(i))) {
                    throw requiresNode.get().elements().get(i).error(dev.consentry.error.ErrorCode.UNKNOWN_SETTING,
                            "unknown setting '" + requires.get(i) + "'");
                }
            }
            builder.setting(key, s.required("default").bool(), requires);
        }
        Set<String> kinds = new HashSet<>();
        for (Node n : root.optional("notices").map(Node::elements).orElse(List.of())) {
            n.onlyKeys(Set.of("kind", "text"));
            builder.notice(dottedName(n.required("kind"), kinds), n.required("text").text());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw root.required("settings").error(BAD_VALUE, e.getMessage());
        }
    }

    private static String dottedName(Node n, Set<String> seen) {
        String name = n.text();
        if (!Taxonomy.isValidName(name)) {
            throw n.error(BAD_VALUE, "'" + name + "' is not a dotted name of lowercase letters, digits and underscores");
        }
        if (!seen.add(name)) {
            throw n.error(DUPLICATE_ID, "'" + name + "' is declared twice");
        }
        return name;
    }

    private static String fideslang(Node n) {
        String name = n.text();
        if (!Taxonomy.isValidName(name)) {
            throw n.error(BAD_VALUE, "'" + name + "' is not a fideslang data category key");
        }
        return name;
    }
}
