package dev.consentry.policy.analysis;

import static java.util.Objects.requireNonNull;

import dev.consentry.policy.Effect;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.util.List;

/**
 * What one version decides for one (category, purpose) pair, and by which rules.
 *
 * <p>{@code rules} are the rules a decision can name for the pair: every matching deny rule when
 * any matches (each is a {@code denied-by-rule} reason); otherwise the matching allow rules that
 * can be the one that allows, in file order; none when the pair falls to the default. An allow
 * rule that matches but is left out is one the engine never names here: an earlier matching allow
 * rule holds whenever it does.
 */
public record Outcome(Category category, Purpose purpose, Verdict verdict, boolean fallsToDefault, List<Rule> rules) {
    public Outcome {
        requireNonNull(category, "category is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(verdict, "verdict is null");
        rules = List.copyOf(rules);
        if (fallsToDefault != rules.isEmpty()) {
            throw new IllegalArgumentException("an outcome falls to the default exactly when no rule decides it");
        }
        if (fallsToDefault && verdict == Verdict.CONDITIONAL) {
            throw new IllegalArgumentException("a default has no requirements, so it is never conditional");
        }
        Effect effect = verdict == Verdict.DENY ? Effect.DENY : Effect.ALLOW;
        for (Rule rule : rules) {
            if (rule.effect() != effect) {
                throw new IllegalArgumentException("a " + verdict + " outcome cannot be decided by " + rule.effect()
                        + " rule '" + rule.id() + "'");
            }
        }
        boolean unconditional = rules.stream().anyMatch(r -> r.requires().isEmpty());
        if (verdict == Verdict.CONDITIONAL && unconditional) {
            throw new IllegalArgumentException("an outcome with an unconditional allow rule is not conditional");
        }
        if (verdict == Verdict.ALLOW && !fallsToDefault && !unconditional) {
            throw new IllegalArgumentException("an outcome whose allow rules all have requirements is conditional");
        }
    }
}
