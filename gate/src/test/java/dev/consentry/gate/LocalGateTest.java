package dev.consentry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consentry.build.BuildRecord;
import dev.consentry.decision.Decider;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.ErrorCode;
import dev.consentry.formats.DecisionJson;
import dev.consentry.formats.EventReader;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.PolicyReader;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.taxonomy.Purpose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on a world large enough to be read in several blocks and decided in several chunks on
 * several threads: its output must be, line for line and in input order, what the engine decides
 * for each item on its own.
 */
class LocalGateTest {
    private static final int ITEMS = 40_000;
    private static final Instant AT = Instant.parse("2023-08-08T00:00:00Z");
    private static final String[] CATEGORIES = {"customer_content.audio", "customer_content.transcript",
        "customer_content.whiteboard", "customer_content.chat", "service_generated.usage", "service_generated.telemetry"};

    @TempDir
    static Path dir;
    static Path items;
    static Path events;
    static Path policy;

    @BeforeAll
    static void writeWorld() throws IOException {
        policy = Files.createDirectories(dir.resolve("policy"));
        Files.writeString(policy.resolve("v1.yaml"), """
                policy: big
                version: "v1"
                effective: "2023-01-01T00:00:00Z"
                default: deny
                rules:
                  - id: content-with-consent
                    effect: allow
                    categories: [customer_content]
                    purposes: [ai.training.first_party]
                    requires: ["setting:ai.meeting_summary.share_for_training", "notice:ai_processing"]
                  - id: service-data
                    effect: allow
                    categories: [service_generated]
                    purposes: [ai]
                declassify:
                  - id: statistics
                    from: [customer_content]
                    transform: aggregated
                """);
        Files.writeString(policy.resolve("v2.yaml"), """
                policy: big
                version: "v2"
                effective: "2023-08-05T00:00:00Z"
                default: deny
                rules:
                  - id: no-whiteboards
                    effect: deny
                    categories: [customer_content.whiteboard]
                    purposes: [ai]
                  - id: content-with-consent
                    effect: allow
                    categories: [customer_content]
                    purposes: [ai.training.first_party]
                    requires: ["setting:ai.meeting_summary.share_for_training", "notice:ai_processing"]
                  - id: service-data
                    effect: allow
                    categories: [service_generated]
                    purposes: [ai]
                declassify:
                  - id: statistics
                    from: [customer_content]
                    transform: aggregated
                """);
        Random random = new Random(40_000);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            int account = random.nextInt(20);
            int meeting = random.nextInt(500);
            String parents;
            int p = random.nextInt(100);
            if (i == 0 || p < 40) {
                parents = "";
            } else if (p < 95) {
                parents = "\"it-" + random.nextInt(i) + "\"" + (p < 60 ? ",\"it-" + random.nextInt(i) + "\"" : "");
            } else if (p < 98) {
                parents = "\"gone-" + random.nextInt(50) + "\"";
            } else {
                parents = "\"it-" + (i + 1 + random.nextInt(50)) + "\"";
            }
            s.append("{\"id\":\"it-").append(i).append("\",\"account\":\"acct-").append(account)
                    .append("\",\"user\":\"user-").append(account).append('-').append(random.nextInt(5))
                    .append("\",\"meeting\":\"mtg-").append(meeting).append("\",\"category\":\"")
                    .append(CATEGORIES[random.nextInt(CATEGORIES.length)]).append("\",\"created\":\"2023-08-0")
                    .append(1 + random.nextInt(9)).append("T1").append(random.nextInt(10)).append(":00:00Z\",\"subjects\":[\"user-")
                    .append(account).append("-0\"],\"parents\":[").append(parents).append("],\"transforms\":[")
                    .append(random.nextInt(4) == 0 ? "\"aggregated\"" : "").append("]}\n");
        }
        items = Files.writeString(dir.resolve("items.jsonl"), s);
        StringBuilder e = new StringBuilder();
        for (int a = 0; a < 20; a++) {
            if (a % 3 != 0) {
                e.append(setting("2023-07-01T00:00:00Z", "account:acct-" + a, "ai.meeting_summary.enabled", true, false));
                e.append(setting("2023-07-01T00:00:00Z", "account:acct-" + a, "ai.meeting_summary.share_for_training", true, false));
            }
            if (a % 5 == 1) {
                e.append(setting("2023-08-06T00:00:00Z", "user:acct-" + a + "/user-" + a + "-0",
                        "ai.meeting_summary.share_for_training", false, true));
            }
        }
        for (int m = 0; m < 500; m++) {
            for (int a = 0; a < 20; a++) {
                if ((m + a) % 4 != 0) {
                    e.append("{\"type\":\"notice_ack\",\"at\":\"2023-08-01T00:00:00Z\",\"meeting\":\"mtg-").append(m)
                            .append("\",\"user\":\"user-").append(a).append("-0\",\"notice\":\"ai_processing\"}\n");
                }
            }
        }
        for (int k = 0; k < 300; k++) {
            e.append("{\"type\":\"erasure\",\"at\":\"2023-08-0").append(1 + random.nextInt(9))
                    .append("T00:00:00Z\",\"item\":\"").append(k % 3 == 0 ? "gone-" + random.nextInt(50) : "it-" + random.nextInt(ITEMS))
                    .append("\"}\n");
        }
        events = Files.writeString(dir.resolve("events.jsonl"), e);
        assertThat(Files.size(items)).as("several read blocks").isGreaterThan(8L << 20);
    }

    private static String setting(String at, String scope, String key, boolean value, boolean locked) {
        return "{\"type\":\"setting\",\"at\":\"" + at + "\",\"actor\":\"admin\",\"role\":\"account_admin\",\"scope\":\"" + scope
                + "\",\"key\":\"" + key + "\",\"value\":" + value + ",\"locked\":" + locked + "}\n";
    }

    @Test
    void every_output_line_is_what_the_engine_decides_for_that_item_in_input_order() throws IOException {
        Path out = dir.resolve("out");
        BuildRecord build = LocalGate.run(new GateRequest(items, events, policy, "ai.training.first_party", AT, out, false),
                Progress.NONE);
        PolicyBundle bundle = PolicyReader.read(policy);
        ItemReader.ItemFile itemFile = ItemReader.read(items, bundle.taxonomy());
        Decider decider = new DecisionEngine(bundle, EventReader.read(events, bundle.catalog()).index(bundle.catalog()))
                .over(itemFile.graph());
        Purpose purpose = bundle.taxonomy().purpose("ai.training.first_party").orElseThrow();
        List<String> expectedAllowed = new ArrayList<>();
        List<String> expectedDenied = new ArrayList<>();
        List<String> allowedIds = new ArrayList<>();
        SortedMap<String, Long> deniedByCode = new TreeMap<>();
        for (int node = 0; node < ITEMS; node++) {
            var d = decider.decide(node, purpose, AT);
            (d.allowed() ? expectedAllowed : expectedDenied).add(DecisionJson.toJson(d));
            if (d.allowed()) {
                allowedIds.add(d.item());
            } else {
                d.reasons().stream().map(r -> r.code().code()).distinct().forEach(code -> deniedByCode.merge(code, 1L, Long::sum));
            }
        }
        assertThat(expectedAllowed).as("the world allows some and denies some").hasSizeGreaterThan(1000);
        assertThat(expectedDenied).hasSizeGreaterThan(1000);
        assertThat(Files.readAllLines(out.resolve("allowed.jsonl"))).containsExactlyElementsOf(expectedAllowed);
        assertThat(Files.readAllLines(out.resolve("denied.jsonl"))).containsExactlyElementsOf(expectedDenied);
        assertThat(build.counts().items()).isEqualTo(ITEMS);
        assertThat(build.counts().allowed()).isEqualTo(expectedAllowed.size());
        assertThat(build.counts().denied()).isEqualTo(expectedDenied.size());
        // Counted by the rendering pass from the first chunk and by the tally's thread from the last: each item once.
        assertThat(build.deniedByCode()).isEqualTo(deniedByCode);
        assertThat(build.merkle().size()).isEqualTo(expectedAllowed.size());
        assertThat(build.merkle().root()).isEqualTo(rfc6962(allowedIds));
    }

    @Test
    void a_malformed_line_deep_in_a_large_file_is_reported_on_its_own_line() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(items));
        lines.set(38_999, lines.get(38_999).replace("\"created\":\"2023-08-0", "\"created\":\"2023-18-0"));
        Path bad = Files.write(dir.resolve("bad-items.jsonl"), lines);
        Path out = dir.resolve("bad-out");
        assertThatThrownBy(() -> LocalGate.run(new GateRequest(bad, events, policy, "ai.training.first_party", AT, out, false),
                Progress.NONE)).isInstanceOfSatisfying(ConsentryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP);
                    assertThat(e.location().orElseThrow().line()).isEqualTo(39_000);
                    assertThat(e.location().orElseThrow().field()).contains("created");
                });
        assertThat(out).doesNotExist();
    }

    @Test
    void the_merkle_root_over_a_hundred_thousand_awkward_ids_is_rfc_6962_over_their_utf8_order() throws IOException {
        // More allowed ids than one parallel subtree holds, sharing long prefixes, prefixes of one
        // another, and characters outside ASCII (two-, three- and four-byte UTF-8, a NUL); and a
        // run of ids that differ only by how many NULs end them, which sort keys padded with
        // zero bytes cannot tell apart.
        String[] stems = {"shared/prefix/that/is/long/", "a", "a/", "\u00e9t\u00e9/", "\u4e2d/", "\ud83d\ude00/", "nul\u0000/", "z"};
        Random random = new Random(6962);
        List<String> ids = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 150_000; i++) {
            String id = stems[random.nextInt(stems.length)] + Integer.toString(random.nextInt(1 << 30), 36 - random.nextInt(3)) + "-" + i;
            ids.add(id);
        }
        for (int nuls = 0; nuls < 40; nuls++) {
            ids.add("nul-tail" + "\u0000".repeat(nuls));
        }
        Collections.shuffle(ids, random);
        for (String id : ids) {
            s.append("{\"id\":\"").append(id.replace("\u0000", "\\u0000")).append("\"")
                    .append(",\"account\":\"acct\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-01T00:00:00Z\"}\n");
        }
        Path awkward = Files.writeString(dir.resolve("awkward.jsonl"), s);
        Path none = Files.writeString(dir.resolve("no-events.jsonl"), "");
        Path out = dir.resolve("awkward-out");
        BuildRecord build = LocalGate.run(new GateRequest(awkward, none, policy, "ai.training.first_party", AT, out, false),
                Progress.NONE);
        assertThat(build.counts().allowed()).isEqualTo(ids.size());
        assertThat(build.merkle().root()).isEqualTo(rfc6962(ids));
    }

    @Test
    void ids_that_share_a_prefix_of_megabytes_are_sorted_without_overflowing_the_stack() throws IOException {
        // Keys go twelve bytes deeper a level: a 400 KB shared prefix was 33,000 levels of recursion.
        String prefix = "x".repeat(400_000);
        List<String> ids = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            ids.add(prefix + (29 - i));
            s.append("{\"id\":\"").append(ids.get(i)).append("\"")
                    .append(",\"account\":\"acct\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-01T00:00:00Z\"}\n");
        }
        Path items = Files.writeString(dir.resolve("long-ids.jsonl"), s);
        Path none = Files.writeString(dir.resolve("no-events-for-long-ids.jsonl"), "");
        BuildRecord build = LocalGate.run(new GateRequest(items, none, policy, "ai.training.first_party", AT,
                dir.resolve("long-ids-out"), false), Progress.NONE);
        assertThat(build.merkle().root()).isEqualTo(rfc6962(ids));
    }

    private static String rfc6962(List<String> ids) {
        List<byte[]> leaves = ids.stream().map(id -> id.getBytes(StandardCharsets.UTF_8)).sorted(Arrays::compareUnsigned)
                .map(b -> sha256(new byte[] {0}, b)).toList();
        return HexFormat.of().formatHex(mth(leaves));
    }

    private static byte[] mth(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return sha256();
        }
        if (hashes.size() == 1) {
            return hashes.get(0);
        }
        int k = Integer.highestOneBit(hashes.size() - 1);
        return sha256(new byte[] {1}, mth(hashes.subList(0, k)), mth(hashes.subList(k, hashes.size())));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
