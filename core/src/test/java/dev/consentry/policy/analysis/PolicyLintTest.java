package dev.consentry.policy.analysis;

import static dev.consentry.policy.analysis.Terms.TAXONOMY;
import static dev.consentry.policy.analysis.Terms.allow;
import static dev.consentry.policy.analysis.Terms.bundle;
import static dev.consentry.policy.analysis.Terms.category;
import static dev.consentry.policy.analysis.Terms.declassify;
import static dev.consentry.policy.analysis.Terms.deny;
import static dev.consentry.policy.analysis.Terms.purpose;
import static dev.consentry.policy.analysis.Terms.version;
import static dev.consentry.policy.analysis.Terms.withText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Rule;
import dev.consentry.policy.analysis.Finding.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyLintTest {
    /** SPEC.md's policy example, narrowed: content trains first-party models only with consent and a notice. */
    private static final Rule CONSENTED_TRAINING = allow("content-training-needs-consent",
            "customer_content.audio, customer_content.video, customer_content.chat", "ai.training.first_party",
            "setting:ai.meeting_summary.share_for_training", "notice:ai_processing");
    private static final Rule PROVIDE = allow("provide", "customer_content, service_generated, account_data", "service");

    private static List<Finding> findings(PolicyVersion... versions) {
        return PolicyLint.of(bundle(versions)).findings();
    }

    private static List<Finding> findings(Effect defaultEffect, Rule... rules) {
        return findings(version(defaultEffect, rules));
    }

    private static List<Finding> findings(List<Rule> rules, Declassification... declassify) {
        return findings(version("2024-01-01", Effect.DENY, rules, List.of(declassify)));
    }

    @Test
    void aDefaultDenyPolicyWhoseRulesEachDecideSomethingIsClean() {
        PolicyLint lint = PolicyLint.of(bundle(version(Effect.DENY, PROVIDE, CONSENTED_TRAINING,
                deny("no-marketing", "customer_content", "marketing"))));

        assertThat(lint.findings()).isEmpty();
        assertThat(lint.clean()).isTrue();
        assertThat(lint.family()).isEqualTo("terms");
        assertThat(lint.matrices()).hasSize(1);
    }

    @Test
    void underADefaultDenyFallingThroughIsShownInTheMatrixButIsNoFinding() {
        PolicyLint lint = PolicyLint.of(bundle(version(Effect.DENY, PROVIDE)));

        assertThat(lint.matrices().get(0).outcomes()).filteredOn(Outcome::fallsToDefault).isNotEmpty();
        assertThat(lint.findings()).isEmpty();
    }

    @Test
    void underADefaultAllowEveryPairNoRuleSpeaksToIsAFinding() {
        List<Finding> found = findings(Effect.ALLOW, deny("no-content-ai", "customer_content", "ai"));

        long unspoken = TAXONOMY.categories().size() * TAXONOMY.purposes().size()
                - TAXONOMY.categories().stream().filter(c -> category("customer_content").covers(c)).count()
                * TAXONOMY.purposes().stream().filter(p -> purpose("ai").covers(p)).count();
        assertThat(found).hasSize((int) unspoken).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Kind.FALLS_TO_DEFAULT);
            assertThat(f.rule()).isEmpty();
            assertThat(f.category()).isPresent();
        });
        assertThat(found.get(0).category()).contains(category("customer_content"));
        assertThat(found.get(0).purpose()).contains(purpose("service"));
    }

    @Test
    void anAllowRuleThatDenyRulesMatchEverywhereIsUnreachable() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                deny("no-content-training", "customer_content", "ai.training"),
                allow("whiteboard-training", "customer_content.whiteboard", "ai.training.first_party"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNREACHABLE_RULE);
            assertThat(f.rule()).contains("whiteboard-training");
            assertThat(f.message()).contains("no-content-training");
        });
    }

    @Test
    void anAllowRuleBehindAnEarlierUnconditionalOneIsShadowed() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                allow("content-for-ai", "customer_content", "ai"),
                CONSENTED_TRAINING);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SHADOWED_RULE);
            assertThat(f.rule()).contains("content-training-needs-consent");
            assertThat(f.message()).contains("content-for-ai");
        });
    }

    @Test
    void anAllowRuleWhoseRequirementsImplyAnEarlierRulesIsShadowed() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                allow("feature-on", "customer_content", "ai.inference, ai.training", "setting:ai.meeting_summary.enabled"),
                allow("sharing-on", "customer_content.audio", "ai.training", "setting:ai.meeting_summary.share_for_training"));

        assertThat(found).filteredOn(f -> f.kind() == Kind.SHADOWED_RULE).singleElement()
                .satisfies(f -> assertThat(f.rule()).contains("sharing-on"));
    }

    @Test
    void anAllowRulePartlyDeniedAndPartlyPreemptedIsShadowedAndNamesBoth() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                deny("no-whiteboard-training", "customer_content.whiteboard", "ai.training"),
                allow("audio-training", "customer_content.audio", "ai.training"),
                allow("audio-and-whiteboard", "customer_content.audio, customer_content.whiteboard", "ai.training.first_party"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SHADOWED_RULE);
            assertThat(f.rule()).contains("audio-and-whiteboard");
            assertThat(f.message()).contains("no-whiteboard-training").contains("audio-training");
        });
    }

    @Test
    void aRuleThatDecidesEvenOnePairIsNeitherShadowedNorUnreachable() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                deny("no-content-training", "customer_content", "ai.training"),
                allow("content-ai", "customer_content", "ai"));

        assertThat(found).isEmpty();
    }

    @Test
    void aDenyRuleIsNeverReportedEvenWhereTheDefaultAlreadyDenies() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                deny("no-whiteboard-training", "customer_content.whiteboard", "ai.training"),
                deny("no-training-at-all", "customer_content", "ai.training"));

        assertThat(found).isEmpty();
    }

    @Test
    void aDeclassifyFromContentIntoACategoryAllowedForTrainingOpensAPathToTraining() {
        List<Finding> found = findings(List.of(PROVIDE, CONSENTED_TRAINING, allow("statistics-for-ai", "service_generated", "ai")),
                declassify("statistics-from-content", "customer_content", "aggregated"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONTENT_TO_TRAINING_DECLASSIFY);
            assertThat(f.rule()).contains("statistics-from-content");
            assertThat(f.category()).contains(category("service_generated"));
            assertThat(f.purpose()).contains(purpose("ai.training"));
            assertThat(f.message()).contains("aggregated").contains("statistics-for-ai");
        });
    }

    @Test
    void aDeclassifyFromAllContentAlsoLetsContentNoRuleAllowsPassAsContentThatNeedsOnlyConsent() {
        List<Finding> found = findings(List.of(PROVIDE, CONSENTED_TRAINING),
                declassify("statistics-from-content", "customer_content", "aggregated"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONTENT_TO_TRAINING_DECLASSIFY);
            assertThat(f.category()).contains(category("customer_content.audio"));
            assertThat(f.purpose()).contains(purpose("ai.training.first_party"));
            assertThat(f.message()).contains("where customer_content is denied by default");
        });
    }

    @Test
    void aDeclassifyIsNoPathWhenNothingItCanMakeMayBeUsedForTraining() {
        List<Finding> found = findings(List.of(PROVIDE, allow("statistics-for-inference", "service_generated", "ai.inference")),
                declassify("statistics-from-content", "customer_content", "aggregated"));

        assertThat(found).isEmpty();
    }

    @Test
    void aDeclassifyIsNoPathWhenTheContentItDropsWasAllowedForTrainingAnyway() {
        List<Finding> found = findings(List.of(PROVIDE, allow("content-for-ai", "customer_content", "ai"),
                        allow("statistics-for-ai", "service_generated", "ai")),
                declassify("statistics-from-content", "customer_content", "aggregated"));

        assertThat(found).isEmpty();
    }

    @Test
    void aDeclassifyIsAPathWhenTheCategoryItMakesNeedsFewerConditionsThanTheContentItDrops() {
        List<Finding> found = findings(List.of(PROVIDE, CONSENTED_TRAINING,
                        allow("noticed-statistics", "service_generated", "ai.training.first_party", "notice:ai_processing")),
                declassify("statistics-from-audio", "customer_content.audio", "aggregated"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONTENT_TO_TRAINING_DECLASSIFY);
            assertThat(f.purpose()).contains(purpose("ai.training.first_party"));
        });
    }

    @Test
    void aDeclassifyIsNoPathWhenTheCategoryItMakesNeedsEverythingTheContentDid() {
        List<Finding> found = findings(List.of(PROVIDE, CONSENTED_TRAINING,
                        allow("consented-transcripts", "customer_content.transcript", "ai.training.first_party",
                                "setting:ai.meeting_summary.share_for_training", "notice:ai_processing", "transform:pseudonymized")),
                declassify("transcripts-from-audio", "customer_content.audio", "pseudonymized"));

        assertThat(found).isEmpty();
    }

    @Test
    void aDeclassifyIntoContentThatStillNeedsConsentLaundersALabelThatIsNeverForTraining() {
        List<Finding> found = findings(List.of(PROVIDE, deny("no-whiteboard-training", "customer_content.whiteboard", "ai.training"),
                        allow("consented-content", "customer_content", "ai.training.first_party", "setting:ai.meeting_summary.share_for_training")),
                declassify("summaries-from-anything", "customer_content", "aggregated"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.CONTENT_TO_TRAINING_DECLASSIFY);
            assertThat(f.category()).contains(category("customer_content"));
            assertThat(f.message()).contains("customer_content.whiteboard").contains("no-whiteboard-training");
        });
    }

    @Test
    void aDeclassifyOfServiceDataOnlyOpensNoPathFromContent() {
        List<Finding> found = findings(List.of(PROVIDE, allow("everything-for-ai", "service_generated, account_data", "ai")),
                declassify("usage-from-diagnostics", "service_generated.diagnostics", "aggregated"));

        assertThat(found).isEmpty();
    }

    @Test
    void aTrainingRuleOnAFeatureSwitchAloneMissesTheSwitchThatDependsOnIt() {
        List<Finding> found = findings(Effect.DENY, PROVIDE,
                allow("summary-training", "customer_content.audio", "ai.training", "setting:ai.meeting_summary.enabled"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.MISSING_SETTING_DEPENDENCY);
            assertThat(f.rule()).contains("summary-training");
            assertThat(f.message()).contains("setting:ai.meeting_summary.share_for_training");
        });
    }

    @Test
    void aTrainingRuleOnTheDependentSwitchNeedNotNameTheFeatureSwitchToo() {
        assertThat(findings(Effect.DENY, PROVIDE, CONSENTED_TRAINING)).isEmpty();
        assertThat(findings(Effect.DENY, PROVIDE, allow("both", "customer_content.audio", "ai.training",
                "setting:ai.meeting_summary.enabled", "setting:ai.meeting_summary.share_for_training"))).isEmpty();
    }

    @Test
    void aFeatureSwitchIsEnoughForARuleThatReachesNoTrainingPurpose() {
        assertThat(findings(Effect.DENY, PROVIDE,
                allow("summary-inference", "customer_content.audio", "ai.inference", "setting:ai.meeting_summary.enabled"))).isEmpty();
    }

    @Test
    void aRuleOnAParentOfTrainingReachesTraining() {
        assertThat(findings(Effect.DENY, PROVIDE,
                allow("summary-ai", "customer_content.audio", "ai", "setting:ai.chat_compose.enabled")))
                .extracting(Finding::kind).containsExactly(Kind.MISSING_SETTING_DEPENDENCY);
    }

    @Test
    void aRuleOrDeclassificationWithoutTextOrWithBlankTextIsMissingIt() {
        List<Finding> found = findings(List.of(withText(PROVIDE, Optional.empty()), withText(CONSENTED_TRAINING, Optional.of("  "))),
                new Declassification("untold", List.of(category("service_generated.quality")),
                        TAXONOMY.transform("aggregated").orElseThrow(), Optional.empty()));

        assertThat(found).extracting(Finding::kind).containsOnly(Kind.MISSING_TEXT);
        assertThat(found).extracting(f -> f.rule().orElseThrow()).containsExactly("provide", "content-training-needs-consent", "untold");
    }

    @Test
    void findingsAreListedByVersionThenByKind() {
        PolicyVersion first = version("2024-01-01", Effect.DENY,
                List.of(withText(PROVIDE, Optional.empty()), allow("content-for-ai", "customer_content", "ai"), CONSENTED_TRAINING),
                List.of());
        PolicyVersion second = version("2024-06-01", Effect.DENY,
                List.of(PROVIDE, allow("statistics-for-ai", "service_generated", "ai")),
                List.of(declassify("statistics-from-content", "customer_content", "aggregated")));

        List<Finding> found = findings(second, first);

        assertThat(found).extracting(f -> f.version() + " " + f.kind()).containsExactly(
                "2024-01-01 shadowed-rule", "2024-01-01 missing-text", "2024-06-01 content-to-training-declassify");
    }
}
