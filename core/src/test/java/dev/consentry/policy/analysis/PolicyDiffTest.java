package dev.consentry.policy.analysis;

import static dev.consentry.policy.analysis.Terms.CATALOG;
import static dev.consentry.policy.analysis.Terms.allow;
import static dev.consentry.policy.analysis.Terms.declassify;
import static dev.consentry.policy.analysis.Terms.deny;
import static dev.consentry.policy.analysis.Terms.matrix;
import static dev.consentry.policy.analysis.Terms.version;
import static dev.consentry.policy.analysis.Terms.withText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Rule;
import dev.consentry.policy.analysis.Change.Aspect;
import dev.consentry.taxonomy.Taxonomy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {
    private static final Rule PROVIDE = allow("provide", "customer_content, service_generated", "service");
    private static final Rule CONSENTED_TRAINING = allow("content-training-with-consent", "customer_content", "ai.training.first_party",
            "setting:ai.meeting_summary.share_for_training", "notice:ai_processing");

    private static List<Change> changes(PolicyVersion before, PolicyVersion after) {
        return PolicyDiff.between(matrix(before), matrix(after)).changes();
    }

    private static String pair(Change c) {
        return c.category() + " " + c.purpose();
    }

    @Test
    void aVersionComparedWithItselfHasNoChanges() {
        PolicyVersion v = version(Effect.DENY, PROVIDE, CONSENTED_TRAINING, deny("no-marketing", "customer_content", "marketing"));

        assertThat(changes(v, v)).isEmpty();
    }

    @Test
    void rewordedReorderedAndRedundantRulesChangeNoOutcome() {
        PolicyVersion before = version(Effect.DENY, PROVIDE, CONSENTED_TRAINING, deny("no-marketing", "customer_content", "marketing"));
        PolicyVersion after = version("2024-06-01", Effect.DENY, List.of(
                deny("no-marketing", "customer_content", "marketing"),
                withText(CONSENTED_TRAINING, Optional.of("Reworded.")),
                PROVIDE,
                allow("provide-again", "customer_content", "service", "notice:ai_processing")),
                List.of(declassify("statistics", "customer_content", "aggregated")));

        assertThat(changes(before, after)).isEmpty();
    }

    @Test
    void aNewDenyRuleChangesTheEffectTheRulesAndTheRequirementsWhereItOverridesAConditionalAllow() {
        PolicyVersion before = version(Effect.DENY, PROVIDE, CONSENTED_TRAINING);
        PolicyVersion after = version(Effect.DENY, PROVIDE, deny("no-whiteboard-training", "customer_content.whiteboard", "ai.training"),
                CONSENTED_TRAINING);

        List<Change> changes = changes(before, after);

        assertThat(changes).extracting(PolicyDiffTest::pair).containsExactly(
                "customer_content.whiteboard ai.training",
                "customer_content.whiteboard ai.training.first_party",
                "customer_content.whiteboard ai.training.third_party");
        Change overridden = changes.get(1);
        assertThat(overridden.aspects()).containsExactly(Aspect.EFFECT, Aspect.RULES, Aspect.REQUIREMENTS);
        assertThat(overridden.before().orElseThrow().verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(overridden.after().orElseThrow().verdict()).isEqualTo(Verdict.DENY);
        assertThat(overridden.requirementsRemoved()).containsExactly("setting:ai.meeting_summary.share_for_training", "notice:ai_processing");
        assertThat(overridden.requirementsAdded()).isEmpty();
        assertThat(changes.get(0).aspects()).as("denied by default, then by the rule").containsExactly(Aspect.RULES);
    }

    @Test
    void anAddedRequirementChangesOnlyTheRequirements() {
        PolicyVersion before = version(Effect.DENY, PROVIDE,
                allow("content-training-with-consent", "customer_content.audio", "ai.training.first_party", "notice:ai_processing"));
        PolicyVersion after = version(Effect.DENY, PROVIDE,
                allow("content-training-with-consent", "customer_content.audio", "ai.training.first_party", "notice:ai_processing",
                        "setting:ai.meeting_summary.share_for_training"));

        assertThat(changes(before, after)).singleElement().satisfies(c -> {
            assertThat(pair(c)).isEqualTo("customer_content.audio ai.training.first_party");
            assertThat(c.aspects()).containsExactly(Aspect.REQUIREMENTS);
            assertThat(c.requirementsAdded()).containsExactly("setting:ai.meeting_summary.share_for_training");
            assertThat(c.requirementsRemoved()).isEmpty();
        });
    }

    @Test
    void requirementsMovedBetweenAlternativeRulesAreAChangeEvenWithNoneAddedOrRemoved() {
        PolicyVersion before = version(Effect.DENY,
                allow("a", "customer_content.audio", "ai.inference", "notice:ai_processing", "setting:ai.chat_compose.enabled"),
                allow("b", "customer_content.audio", "ai.inference", "transform:pseudonymized"));
        PolicyVersion after = version(Effect.DENY,
                allow("a", "customer_content.audio", "ai.inference", "notice:ai_processing"),
                allow("b", "customer_content.audio", "ai.inference", "transform:pseudonymized", "setting:ai.chat_compose.enabled"));

        assertThat(changes(before, after)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.aspects()).containsExactly(Aspect.REQUIREMENTS);
            assertThat(c.requirementsAdded()).isEmpty();
            assertThat(c.requirementsRemoved()).isEmpty();
        });
    }

    @Test
    void aRenamedRuleChangesOnlyTheRules() {
        PolicyVersion before = version(Effect.DENY, allow("provide", "service_generated", "service.provide"));
        PolicyVersion after = version(Effect.DENY, allow("operate", "service_generated", "service.provide"));

        assertThat(changes(before, after)).isNotEmpty().allSatisfy(c -> assertThat(c.aspects()).containsExactly(Aspect.RULES));
    }

    @Test
    void aChangedDefaultChangesTheEffectOfThePairsThatFallToItAndNoOthers() {
        PolicyVersion before = version(Effect.DENY, PROVIDE);
        PolicyVersion after = version(Effect.ALLOW, PROVIDE);

        List<Change> changes = changes(before, after);

        assertThat(changes).isNotEmpty().allSatisfy(c -> {
            assertThat(c.aspects()).containsExactly(Aspect.EFFECT);
            assertThat(c.before().orElseThrow().fallsToDefault()).isTrue();
        });
        assertThat(changes).extracting(PolicyDiffTest::pair).doesNotContain("customer_content.audio service.provide");
    }

    @Test
    void anAllowedPairStaysUnchangedWhenOnlyWhichConditionalRuleIsNamedFirstChanges() {
        PolicyVersion before = version(Effect.DENY, allow("anything", "customer_content.audio", "analytics"));
        PolicyVersion after = version(Effect.DENY, allow("noticed", "customer_content.audio", "analytics", "notice:ai_processing"),
                allow("anything", "customer_content.audio", "analytics"));

        assertThat(changes(before, after)).singleElement().satisfies(c -> {
            assertThat(c.aspects()).containsExactly(Aspect.RULES);
            assertThat(c.requirementsAdded()).isEmpty();
        });
    }

    @Test
    void aPairOnlyOneTaxonomyHasIsAChangeOfThePairAlone() {
        Taxonomy narrower = Taxonomy.builder().category("customer_content.audio", Optional.empty()).purpose("ai.training.first_party").build();
        Taxonomy wider = Taxonomy.builder().category("customer_content.audio", Optional.empty())
                .category("customer_content.hologram", Optional.empty()).purpose("ai.training.first_party").build();
        PolicyVersion v = new PolicyVersion("terms", "1", java.time.Instant.EPOCH, Effect.DENY, List.of(), List.of(), "0".repeat(64));

        List<Change> changes = PolicyDiff.between(PolicyMatrix.of(narrower, CATALOG, v), PolicyMatrix.of(wider, CATALOG, v)).changes();

        assertThat(changes).extracting(PolicyDiffTest::pair).containsExactly("customer_content.hologram ai",
                "customer_content.hologram ai.training", "customer_content.hologram ai.training.first_party");
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.aspects()).containsExactly(Aspect.PAIR);
            assertThat(c.before()).isEmpty();
            assertThat(c.after()).isPresent();
        });
    }

    @Test
    void aChangeIsValidatedAtConstruction() {
        Outcome o = matrix(version(Effect.DENY)).outcomes().get(0);

        assertThatThrownBy(() -> new Change("a", "b", Optional.empty(), Optional.empty(), List.of(Aspect.PAIR), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Change("a", "b", Optional.of(o), Optional.of(o), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Change("a", "b", Optional.of(o), Optional.empty(), List.of(Aspect.EFFECT), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Change("a", "b", Optional.of(o), Optional.of(o), List.of(Aspect.PAIR), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
