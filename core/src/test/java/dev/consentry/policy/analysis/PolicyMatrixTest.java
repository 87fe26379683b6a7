package dev.consentry.policy.analysis;

import static dev.consentry.policy.analysis.Terms.TAXONOMY;
import static dev.consentry.policy.analysis.Terms.allow;
import static dev.consentry.policy.analysis.Terms.category;
import static dev.consentry.policy.analysis.Terms.deny;
import static dev.consentry.policy.analysis.Terms.matrix;
import static dev.consentry.policy.analysis.Terms.purpose;
import static dev.consentry.policy.analysis.Terms.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.policy.Effect;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Taxonomy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyMatrixTest {
    private static List<String> ids(Outcome o) {
        return o.rules().stream().map(Rule::id).toList();
    }

    private static Outcome outcome(PolicyMatrix m, String category, String purpose) {
        return m.outcome(category(category), purpose(purpose));
    }

    @Test
    void everyCategoryIsPairedWithEveryPurposeParentsIncludedInTaxonomyOrder() {
        PolicyMatrix m = matrix(version(Effect.DENY));

        assertThat(m.outcomes()).hasSize(TAXONOMY.categories().size() * TAXONOMY.purposes().size());
        assertThat(m.outcomes().get(0).category().name()).isEqualTo("customer_content");
        assertThat(m.outcomes().get(0).purpose().name()).isEqualTo("service");
        assertThat(m.outcomes()).allSatisfy(o -> assertThat(m.outcome(o.category(), o.purpose())).isSameAs(o));
    }

    @Test
    void aPairNoRuleSpeaksToFallsToTheDefaultWhicheverItIs() {
        Outcome denied = outcome(matrix(version(Effect.DENY)), "customer_content.audio", "marketing");
        Outcome allowed = outcome(matrix(version(Effect.ALLOW)), "customer_content.audio", "marketing");

        assertThat(denied.verdict()).isEqualTo(Verdict.DENY);
        assertThat(denied.fallsToDefault()).isTrue();
        assertThat(denied.rules()).isEmpty();
        assertThat(allowed.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(allowed.fallsToDefault()).isTrue();
    }

    @Test
    void matchingDenyRulesDecideOverAllowRulesAndEveryOneIsNamed() {
        PolicyMatrix m = matrix(version(Effect.ALLOW,
                allow("content-ai", "customer_content", "ai"),
                deny("no-training", "customer_content", "ai.training"),
                deny("no-whiteboard", "customer_content.whiteboard", "ai")));

        Outcome o = outcome(m, "customer_content.whiteboard", "ai.training.first_party");

        assertThat(o.verdict()).isEqualTo(Verdict.DENY);
        assertThat(o.fallsToDefault()).isFalse();
        assertThat(ids(o)).containsExactly("no-training", "no-whiteboard");
    }

    @Test
    void aRuleMatchesTheNamesBelowItsOwnButNotThoseAbove() {
        PolicyMatrix m = matrix(version(Effect.DENY, allow("audio-first-party", "customer_content.audio", "ai.training.first_party")));

        assertThat(outcome(m, "customer_content.audio", "ai.training.first_party").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(outcome(m, "customer_content.audio", "ai.training").fallsToDefault()).isTrue();
        assertThat(outcome(m, "customer_content", "ai.training.first_party").fallsToDefault()).isTrue();
    }

    @Test
    void anAllowRuleWithRequirementsMakesThePairConditional() {
        PolicyMatrix m = matrix(version(Effect.DENY,
                allow("consented", "customer_content", "ai.training", "setting:ai.meeting_summary.share_for_training")));

        Outcome o = outcome(m, "customer_content.chat", "ai.training.third_party");

        assertThat(o.verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(ids(o)).containsExactly("consented");
    }

    @Test
    void anUnconditionalAllowRuleMakesThePairAllowedAndNoLaterAllowRuleIsNamed() {
        PolicyMatrix m = matrix(version(Effect.DENY,
                allow("consented", "customer_content", "ai", "notice:ai_processing"),
                allow("anything-ai", "customer_content", "ai"),
                allow("consented-later", "customer_content", "ai", "setting:ai.chat_compose.enabled")));

        Outcome o = outcome(m, "customer_content.audio", "ai.inference.first_party");

        assertThat(o.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(ids(o)).as("the engine names the first rule whose requirements are met").containsExactly("consented", "anything-ai");
    }

    @Test
    void aLaterAllowRuleIsNotNamedWhereAnEarlierOneHoldsWheneverItDoes() {
        PolicyMatrix m = matrix(version(Effect.DENY,
                allow("feature-on", "customer_content", "ai.training", "setting:ai.meeting_summary.enabled"),
                allow("sharing-on", "customer_content", "ai.training",
                        "setting:ai.meeting_summary.share_for_training", "notice:ai_processing"),
                allow("noticed", "customer_content", "ai.training", "notice:ai_processing")));

        Outcome o = outcome(m, "customer_content.audio", "ai.training.first_party");

        assertThat(o.verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(ids(o)).as("share_for_training is on only while the feature is: sharing-on implies feature-on")
                .containsExactly("feature-on", "noticed");
    }

    @Test
    void anEarlierRuleWithMoreRequirementsDoesNotHideALaterOneWithFewer() {
        PolicyMatrix m = matrix(version(Effect.DENY,
                allow("sharing-on", "customer_content", "ai.training", "setting:ai.meeting_summary.share_for_training"),
                allow("feature-on", "customer_content", "ai.training", "setting:ai.meeting_summary.enabled")));

        assertThat(ids(outcome(m, "customer_content.audio", "ai.training"))).containsExactly("sharing-on", "feature-on");
    }

    @Test
    void pairsAreFoundByNameAndOnlyAmongTheMatrixsOwnTerms() {
        PolicyMatrix m = matrix(version(Effect.DENY));
        Taxonomy other = Taxonomy.builder().category("customer_content.audio", Optional.empty()).purpose("ai").build();

        assertThat(m.outcome("customer_content.audio", "ai")).contains(outcome(m, "customer_content.audio", "ai"));
        assertThat(m.outcome("customer_content.hologram", "ai")).isEmpty();
        assertThatThrownBy(() -> m.outcome(other.category("customer_content.audio").orElseThrow(), other.purpose("ai").orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOutcomeIsValidatedAtConstruction() {
        Rule allowing = allow("a", "customer_content", "ai");
        Rule conditional = allow("c", "customer_content", "ai", "notice:ai_processing");
        Rule denying = deny("d", "customer_content", "ai");

        assertThatThrownBy(() -> new Outcome(category("customer_content"), purpose("ai"), Verdict.DENY, true, List.of(denying)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outcome(category("customer_content"), purpose("ai"), Verdict.CONDITIONAL, true, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outcome(category("customer_content"), purpose("ai"), Verdict.DENY, false, List.of(allowing)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outcome(category("customer_content"), purpose("ai"), Verdict.CONDITIONAL, false, List.of(allowing)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outcome(category("customer_content"), purpose("ai"), Verdict.ALLOW, false, List.of(conditional)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
