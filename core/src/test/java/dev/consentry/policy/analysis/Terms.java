package dev.consentry.policy.analysis;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyHistory;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Policy versions written in a line each, against SPEC.md's default taxonomy and catalog: the
 * test-side stand-in for a policy file. Lists are comma-separated names.
 */
final class Terms {
    static final Taxonomy TAXONOMY = Taxonomy.defaults();
    static final SettingsCatalog CATALOG = SettingsCatalog.defaults();
    static final String QUOTE = "A sentence of the terms.";

    private Terms() {}

    static Rule allow(String id, String categories, String purposes, String... requires) {
        return new Rule(id, Effect.ALLOW, categories(categories), purposes(purposes),
                Arrays.stream(requires).map(Terms::requirement).toList(), Optional.of(QUOTE));
    }

    static Rule deny(String id, String categories, String purposes) {
        return new Rule(id, Effect.DENY, categories(categories), purposes(purposes), List.of(), Optional.of(QUOTE));
    }

    static Rule withText(Rule rule, Optional<String> text) {
        return new Rule(rule.id(), rule.effect(), rule.categories(), rule.purposes(), rule.requires(), text);
    }

    static Declassification declassify(String id, String from, String transform) {
        return new Declassification(id, categories(from), TAXONOMY.transform(transform).orElseThrow(), Optional.of(QUOTE));
    }

    static PolicyVersion version(String version, Effect defaultEffect, List<Rule> rules, List<Declassification> declassify) {
        return new PolicyVersion("terms", version, Instant.parse(version + "T00:00:00Z"), defaultEffect, rules, declassify,
                "0".repeat(64));
    }

    static PolicyVersion version(Effect defaultEffect, Rule... rules) {
        return version("2024-01-01", defaultEffect, List.of(rules), List.of());
    }

    static PolicyBundle bundle(PolicyVersion... versions) {
        return new PolicyBundle(TAXONOMY, CATALOG, new PolicyHistory("terms", List.of(versions)), "digest");
    }

    static PolicyMatrix matrix(PolicyVersion version) {
        return PolicyMatrix.of(TAXONOMY, CATALOG, version);
    }

    static Category category(String name) {
        return TAXONOMY.category(name).orElseThrow();
    }

    static Purpose purpose(String name) {
        return TAXONOMY.purpose(name).orElseThrow();
    }

    static Requirement requirement(String spelling) {
        String name = spelling.substring(spelling.indexOf(':') + 1);
        return switch (spelling.substring(0, spelling.indexOf(':'))) {
            case "setting" -> new Requirement.Setting(CATALOG.setting(name).orElseThrow());
            case "notice" -> new Requirement.Notice(CATALOG.notice(name).orElseThrow());
            case "transform" -> new Requirement.Transformed(TAXONOMY.transform(name).orElseThrow());
            default -> throw new IllegalArgumentException(spelling);
        };
    }

    private static List<Category> categories(String names) {
        return Arrays.stream(names.split(",")).map(String::strip).map(Terms::category).toList();
    }

    private static List<Purpose> purposes(String names) {
        return Arrays.stream(names.split(",")).map(String::strip).map(Terms::purpose).toList();
    }
}
