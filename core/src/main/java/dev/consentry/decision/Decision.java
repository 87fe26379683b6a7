package dev.consentry.decision;

import static java.util.Objects.requireNonNull;

import dev.consentry.policy.Effect;
import java.util.List;

/**
 * Allow or deny for one item, with every reason. A denial lists all its denial reasons across
 * labels and versions (or the one reason of steps 0 to 2); an allow lists, for each label under
 * each applicable version, the rule or default that allowed it.
 */
public record Decision(String item, Effect effect, List<Reason> reasons) {
    public Decision {
        requireNonNull(item, "item is null");
        requireNonNull(effect, "effect is null");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a decision has at least one reason");
        }
        for (Reason r : reasons) {
            if (r.code().isDenial() != (effect == Effect.DENY)) {
                throw new IllegalArgumentException(effect + " decision for '" + item + "' has reason " + r.code());
            }
        }
    }

    public boolean allowed() {
        return effect == Effect.ALLOW;
    }
}
