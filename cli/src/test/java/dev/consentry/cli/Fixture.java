package dev.consentry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small valid world in the public formats, written file by file so that a test can break one
 * line of one file. Line numbers below are the ones the bad-input tests refer to.
 */
final class Fixture {
    static final Map<String, List<String>> FILES = Map.of(
            "policy/taxonomy.yaml", List.of(
                    "categories:",                                  // 1
                    "  - name: customer_content.audio",             // 2
                    "    fideslang: user.content",                  // 3
                    "  - name: customer_content.transcript",        // 4
                    "  - name: service_generated.usage",            // 5
                    "purposes:",                                    // 6
                    "  - name: ai.training.first_party",            // 7
                    "  - name: service.provide",                    // 8
                    "transforms: [aggregated, anonymized]"),        // 9
            "policy/settings.yaml", List.of(
                    "settings:",                                    // 1
                    "  - key: ai.summary.enabled",                  // 2
                    "    default: false",                           // 3
                    "  - key: ai.summary.share_for_training",       // 4
                    "    default: false",                           // 5
                    "    requires: [ai.summary.enabled]",           // 6
                    "notices:",                                     // 7
                    "  - kind: ai_processing",                      // 8
                    "    text: \"AI is processing this meeting.\""), // 9
            "policy/v1.yaml", version("v1", "2023-01-01T00:00:00Z"),
            "policy/v2.yaml", version("v2", "2023-06-01T00:00:00Z"),
            "items.jsonl", List.of(
                    "{\"id\":\"m1/audio\",\"account\":\"acme\",\"user\":\"u1\",\"meeting\":\"m1\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T10:00:00Z\",\"subjects\":[\"u1\"],\"parents\":[],\"transforms\":[]}",
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"user\":\"u1\",\"meeting\":\"m1\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\",\"subjects\":[\"u1\"],\"parents\":[\"m1/audio\"]}",
                    "{\"id\":\"m1/stats\",\"account\":\"acme\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\",\"parents\":[\"m1/audio\"],\"transforms\":[\"aggregated\"]}"),
            "events.jsonl", List.of(
                    "{\"type\":\"membership\",\"at\":\"2023-08-01T00:00:00Z\",\"user\":\"u1\",\"account\":\"acme\",\"group\":\"sales\"}",
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.summary.enabled\",\"value\":true,\"locked\":false}",
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.summary.share_for_training\",\"value\":true}",
                    "{\"type\":\"notice_ack\",\"at\":\"2023-08-09T09:59:00Z\",\"meeting\":\"m1\",\"user\":\"u1\",\"notice\":\"ai_processing\"}",
                    "{\"type\":\"erasure\",\"at\":\"2023-09-01T00:00:00Z\",\"item\":\"m0/old\"}"));

    static List<String> version(String version, String effective) {
        return List.of(
                "policy: terms",                                                                 // 1
                "version: \"" + version + "\"",                                                  // 2
                "effective: \"" + effective + "\"",                                              // 3
                "default: deny",                                                                 // 4
                "rules:",                                                                        // 5
                "  - id: content-training",                                                      // 6
                "    effect: allow",                                                             // 7
                "    categories: [customer_content]",                                            // 8
                "    purposes: [ai.training.first_party]",                                       // 9
                "    requires: [\"setting:ai.summary.share_for_training\", \"notice:ai_processing\"]", // 10
                "    text: \"We train on meeting content only with consent and a notice.\"",     // 11
                "  - id: usage-for-ai",                                                          // 12
                "    effect: allow",                                                             // 13
                "    categories: [service_generated]",                                           // 14
                "    purposes: [ai]",                                                            // 15
                "declassify:",                                                                   // 16
                "  - id: statistics",                                                            // 17
                "    from: [customer_content]",                                                  // 18
                "    transform: aggregated");                                                    // 19
    }

    private Fixture() {}

    /** Writes the whole valid world under {@code dir}. */
    static void write(Path dir) {
        FILES.forEach((name, lines) -> write(dir.resolve(name), lines));
    }

    /**
     * Writes the world with line {@code line} (1-based) of {@code file} replaced by
     * {@code replacement} (which may span lines); line 0 appends, and a null replacement of line 0
     * empties the file.
     */
    static void writeWith(Path dir, String file, int line, String replacement) {
        write(dir);
        List<String> lines = new ArrayList<>(FILES.get(file));
        if (line == 0) {
            if (replacement == null) {
                lines.clear();
            } else {
                lines.addAll(Arrays.asList(replacement.split("\n", -1)));
            }
        } else {
            lines.remove(line - 1);
            lines.addAll(line - 1, Arrays.asList(replacement.split("\n", -1)));
        }
        write(dir.resolve(file), lines);
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] gate(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("gate", "--items", dir.resolve("items.jsonl").toString(),
                "--events", dir.resolve("events.jsonl").toString(), "--policy", dir.resolve("policy").toString(),
                "--purpose", "ai.training.first_party", "--at", "2023-08-10T00:00:00Z", "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static String[] explain(Path dir, String id) {
        return new String[] {"explain", "--id", id, "--items", dir.resolve("items.jsonl").toString(),
                "--events", dir.resolve("events.jsonl").toString(), "--policy", dir.resolve("policy").toString(),
                "--purpose", "ai.training.first_party", "--at", "2023-08-10T00:00:00Z"};
    }
}
