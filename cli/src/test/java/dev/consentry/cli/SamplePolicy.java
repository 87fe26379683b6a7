package dev.consentry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract sample policy directory (two versions of webinar-terms, a taxonomy and a settings
 * catalog), written where a test wants it; {@link #NEWER} is the second version, which adds a
 * deny rule for whiteboards.
 */
final class SamplePolicy {
    static final String OLDER = "2024-01-01.yaml";
    static final String NEWER = "2024-06-01.yaml";
    static final String TAXONOMY = """
            categories:
              - name: customer_content.audio
                fideslang: user.content
              - name: customer_content.chat
                fideslang: user.content
              - name: customer_content.transcript
                fideslang: user.content
              - name: customer_content.meeting_summary
                fideslang: user.content
              - name: customer_content.whiteboard
                fideslang: user.content
              - name: service_generated.usage
                fideslang: user.behavior
              - name: service_generated.telemetry
                fideslang: system.operations
            purposes:
              - name: service.provide
              - name: ai.inference.first_party
              - name: ai.training.first_party
              - name: ai.training.third_party
            """;
    static final String SETTINGS = """
            settings:
              - key: ai.summary.enabled
                default: false
              - key: ai.summary.share_for_training
                default: false
                requires: [ai.summary.enabled]
            notices:
              - kind: ai_processing
                text: "AI is processing this meeting to produce a summary."
            """;
    static final String OLDER_TEXT = """
            policy: webinar-terms
            version: "2024-01-01"
            effective: "2024-01-01T00:00:00Z"
            default: deny
            rules:
              - id: telemetry-any
                effect: allow
                categories: [service_generated]
                purposes: [service, ai]
                text: "Service-generated data may be used to operate and improve the service, including AI."
              - id: content-provide
                effect: allow
                categories: [customer_content]
                purposes: [service.provide]
                text: "We use your content to provide the service."
              - id: content-training-with-consent
                effect: allow
                categories: [customer_content]
                purposes: [ai.training.first_party]
                requires: ["setting:ai.summary.share_for_training", "notice:ai_processing"]
                text: "We train our own models on meeting content only with the account's consent and a notice to every participant."
            declassify:
              - id: usage-statistics
                from: [customer_content]
                transform: aggregated
                text: "Aggregated statistics computed from content are service-generated data."
            """;
    static final String NEWER_TEXT = """
            policy: webinar-terms
            version: "2024-06-01"
            effective: "2024-06-01T00:00:00Z"
            default: deny
            rules:
              - id: telemetry-any
                effect: allow
                categories: [service_generated]
                purposes: [service, ai]
                text: "Service-generated data may be used to operate and improve the service, including AI."
              - id: no-whiteboard-training
                effect: deny
                categories: [customer_content.whiteboard]
                purposes: [ai.training]
                text: "Whiteboards are never used to train AI models."
              - id: content-provide
                effect: allow
                categories: [customer_content]
                purposes: [service.provide]
                text: "We use your content to provide the service."
              - id: content-training-with-consent
                effect: allow
                categories: [customer_content]
                purposes: [ai.training.first_party]
                requires: ["setting:ai.summary.share_for_training", "notice:ai_processing"]
                text: "We train our own models on meeting content only with the account's consent and a notice to every participant."
            declassify:
              - id: usage-statistics
                from: [customer_content]
                transform: aggregated
                text: "Aggregated statistics computed from content are service-generated data."
            """;

    private SamplePolicy() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("taxonomy.yaml"), TAXONOMY);
        Files.writeString(dir.resolve("settings.yaml"), SETTINGS);
        Files.writeString(dir.resolve(OLDER), OLDER_TEXT);
        Files.writeString(dir.resolve(NEWER), NEWER_TEXT);
        return dir;
    }
}
