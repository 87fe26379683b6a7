package dev.consentry.taxonomy;

import java.util.Optional;

/** SPEC.md's default trees. Fideslang equivalents follow fideslang 3.x data categories. */
final class DefaultTaxonomy {
    static final Taxonomy INSTANCE = build();

    private DefaultTaxonomy() {}

    private static Taxonomy build() {
        Taxonomy.Builder b = Taxonomy.builder();
        b.category("customer_content", Optional.of("user.content"));
        for (String content : new String[] {"audio", "screen_share", "attachment", "poll_result", "whiteboard",
                "reaction", "chat", "transcript", "meeting_summary", "chat_draft"}) {
            b.category("customer_content." + content, Optional.of("user.content.private"));
        }
        b.category("customer_content.video", Optional.of("user.content.self_image"));
        b.category("service_generated", Optional.of("system.operations"));
        b.category("service_generated.telemetry", Optional.of("user.device.telemetry"));
        b.category("service_generated.usage", Optional.of("user.behavior"));
        b.category("service_generated.diagnostics", Optional.of("system.operations"));
        b.category("service_generated.quality", Optional.of("system.operations"));
        b.category("account_data", Optional.of("user.account"));
        b.category("account_data.profile", Optional.of("user.account"));
        b.category("account_data.billing", Optional.of("user.financial"));
        for (String purpose : new String[] {"service.provide", "service.improve", "service.security", "analytics",
                "marketing", "ai.inference.first_party", "ai.inference.third_party", "ai.training.first_party",
                "ai.training.third_party"}) {
            b.purpose(purpose);
        }
        return b.build();
    }
}
