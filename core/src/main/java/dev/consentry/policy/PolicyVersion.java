package dev.consentry.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One version of a family's terms: when it takes effect, its default, its rules in file order
 * and its declassifications, and the SHA-256 of the file it was read from (so a build can say
 * exactly which text it applied).
 */
public record PolicyVersion(String family, String version, Instant effective, Effect defaultEffect,
        List<Rule> rules, List<Declassification> declassify, String sha256) {
    public PolicyVersion {
        requireNonNull(family, "family is null");
        requireNonNull(version, "version is null");
        requireNonNull(effective, "effective is null");
        requireNonNull(defaultEffect, "defaultEffect is null");
        rules = List.copyOf(rules);
        declassify = List.copyOf(declassify);
        requireNonNull(sha256, "sha256 is null");
        Set<String> ids = new HashSet<>();
        for (Rule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("rule id '" + rule.id() + "' is used twice");
            }
        }
        for (Declassification d : declassify) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("rule id '" + d.id() + "' is used twice");
            }
        }
    }
}
