package dev.consentry.cli;

import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Rule;
import dev.consentry.policy.analysis.Change;
import dev.consentry.policy.analysis.Finding;
import dev.consentry.policy.analysis.Outcome;
import dev.consentry.policy.analysis.PolicyDiff;
import dev.consentry.policy.analysis.PolicyLint;
import dev.consentry.policy.analysis.PolicyMatrix;
import dev.consentry.policy.analysis.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lint and diff reports for a person: an aligned table per version, the findings, the changes. */
final class PolicyText {
    private PolicyText() {}

    static String lint(PolicyLint lint) {
        StringBuilder s = new StringBuilder();
        for (PolicyMatrix m : lint.matrices()) {
            PolicyVersion v = m.version();
            s.append(v.family()).append(' ').append(v.version()).append(", effective ").append(v.effective())
                    .append(", default ").append(v.defaultEffect()).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"CATEGORY", "PURPOSE", "EFFECT", "DECIDED BY"});
            for (Outcome o : m.outcomes()) {
                rows.add(new String[] {o.category().name(), o.purpose().name(), o.verdict().word(), by(o)});
            }
            table(rows, s);
            long fallen = m.outcomes().stream().filter(Outcome::fallsToDefault).count();
            s.append("  ").append(fallen).append(" of ").append(m.outcomes().size()).append(" pairs fall to the default (")
                    .append(v.defaultEffect()).append(").\n\n");
        }
        if (lint.clean()) {
            s.append("No findings.\n");
            return s.toString();
        }
        s.append(lint.findings().size()).append(lint.findings().size() == 1 ? " finding:\n" : " findings:\n");
        List<String[]> rows = new ArrayList<>();
        for (Finding f : lint.findings()) {
            rows.add(new String[] {f.version(), f.kind().word(), f.message()});
        }
        table(rows, s);
        return s.toString();
    }

    static String diff(PolicyDiff diff, String oldFile, String newFile) {
        StringBuilder s = new StringBuilder();
        List<Change> changes = diff.changes();
        s.append(title(diff.before().version(), oldFile)).append(" -> ").append(title(diff.after().version(), newFile))
                .append(": ").append(changes.isEmpty() ? "no outcome changed" : changes.size() + (changes.size() == 1
                        ? " outcome changed" : " outcomes changed")).append('\n');
        for (Change c : changes) {
            s.append("  ").append(c.category()).append(" for ").append(c.purpose()).append("  [")
                    .append(c.aspects().stream().map(Change.Aspect::word).collect(Collectors.joining(", "))).append("]\n");
            s.append("    old: ").append(side(c.before())).append('\n');
            s.append("    new: ").append(side(c.after())).append('\n');
            if (!c.requirementsAdded().isEmpty()) {
                s.append("    requirements added: ").append(String.join(", ", c.requirementsAdded())).append('\n');
            }
            if (!c.requirementsRemoved().isEmpty()) {
                s.append("    requirements removed: ").append(String.join(", ", c.requirementsRemoved())).append('\n');
            }
        }
        return s.toString();
    }

    private static String title(PolicyVersion v, String file) {
        return v.family() + " " + v.version() + " (" + file + ")";
    }

    private static String side(Optional<Outcome> o) {
        return o.map(outcome -> outcome.verdict().word() + " by " + by(outcome)).orElse("no such pair in its taxonomy");
    }

    /**
     * "default"; the deny rules, all of which are reasons; or the allow rules, the first of which
     * whose requirements hold allows, each with its requirements in brackets.
     */
    private static String by(Outcome o) {
        if (o.fallsToDefault()) {
            return "default";
        }
        return o.rules().stream().map(PolicyText::rule)
                .collect(Collectors.joining(o.verdict() == Verdict.DENY ? ", " : " or "));
    }

    private static String rule(Rule r) {
        return r.requires().isEmpty() ? r.id()
                : r.id() + " [" + r.requires().stream().map(Object::toString).collect(Collectors.joining(", ")) + "]";
    }

    /** Rows as columns padded to their widest cell, two spaces apart, indented two; the last column is not padded. */
    private static void table(List<String[]> rows, StringBuilder s) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            s.append(' ');
            for (int i = 0; i < columns; i++) {
                s.append(' ').append(i < columns - 1 ? String.format("%-" + widths[i] + "s ", row[i]) : row[i]);
            }
            s.append('\n');
        }
    }
}
