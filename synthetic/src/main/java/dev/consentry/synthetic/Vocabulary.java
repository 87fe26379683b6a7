package dev.consentry.synthetic;

import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.taxonomy.Transform;
import java.util.Set;

/**
 * The categories, transform, settings and notice the generator speaks of, resolved once in the
 * caller's taxonomy and catalog: the engine compares categories by identity, so items must carry
 * the very objects of the taxonomy they will be decided under.
 */
final class Vocabulary {
    final Category audio;
    final Category video;
    final Category transcript;
    final Category meetingSummary;
    final Category chat;
    final Category chatDraft;
    final Category screenShare;
    final Category attachment;
    final Category pollResult;
    final Category whiteboard;
    final Category reaction;
    final Category telemetry;
    final Category usage;
    final Category diagnostics;
    final Category quality;
    final Category profile;
    final Category billing;
    final Set<Transform> aggregated;
    final SettingDefinition summaryEnabled;
    final SettingDefinition summaryShare;
    final SettingDefinition composeEnabled;
    final SettingDefinition composeShare;
    final NoticeDefinition aiProcessing;
    final SettingsCatalog catalog;

    private Vocabulary(Taxonomy taxonomy, SettingsCatalog catalog) {
        this.audio = category(taxonomy, "customer_content.audio");
        this.video = category(taxonomy, "customer_content.video");
        this.transcript = category(taxonomy, "customer_content.transcript");
        this.meetingSummary = category(taxonomy, "customer_content.meeting_summary");
        this.chat = category(taxonomy, "customer_content.chat");
        this.chatDraft = category(taxonomy, "customer_content.chat_draft");
        this.screenShare = category(taxonomy, "customer_content.screen_share");
        this.attachment = category(taxonomy, "customer_content.attachment");
        this.pollResult = category(taxonomy, "customer_content.poll_result");
        this.whiteboard = category(taxonomy, "customer_content.whiteboard");
        this.reaction = category(taxonomy, "customer_content.reaction");
        this.telemetry = category(taxonomy, "service_generated.telemetry");
        this.usage = category(taxonomy, "service_generated.usage");
        this.diagnostics = category(taxonomy, "service_generated.diagnostics");
        this.quality = category(taxonomy, "service_generated.quality");
        this.profile = category(taxonomy, "account_data.profile");
        this.billing = category(taxonomy, "account_data.billing");
        this.aggregated = Set.of(taxonomy.transform("aggregated")
                .orElseThrow(() -> new IllegalArgumentException("the taxonomy has no transform 'aggregated'")));
        this.summaryEnabled = setting(catalog, "ai.meeting_summary.enabled");
        this.summaryShare = setting(catalog, "ai.meeting_summary.share_for_training");
        this.composeEnabled = setting(catalog, "ai.chat_compose.enabled");
        this.composeShare = setting(catalog, "ai.chat_compose.share_for_training");
        this.aiProcessing = catalog.notice("ai_processing")
                .orElseThrow(() -> new IllegalArgumentException("the settings catalog has no notice kind 'ai_processing'"));
        this.catalog = catalog;
    }

    /** Resolves every name; a missing one is an {@link IllegalArgumentException} naming it. */
    static Vocabulary of(Taxonomy taxonomy, SettingsCatalog catalog) {
        return new Vocabulary(taxonomy, catalog);
    }

    private static Category category(Taxonomy taxonomy, String name) {
        return taxonomy.category(name).orElseThrow(() -> new IllegalArgumentException("the taxonomy has no category '" + name + "'"));
    }

    private static SettingDefinition setting(SettingsCatalog catalog, String key) {
        return catalog.setting(key).orElseThrow(() -> new IllegalArgumentException("the settings catalog has no setting '" + key + "'"));
    }
}
