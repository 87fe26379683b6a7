package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentry.error.ErrorCode;
import dev.consentry.testing.Rfc6962;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code consentry gate}: the output directory rules, the arguments, and what build.json says. */
class GateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void a_non_empty_output_directory_is_refused_and_left_as_it_was() throws IOException {
        Fixture.write(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "an earlier build");
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("[" + ErrorCode.OUTPUT_EXISTS + "]").contains(out.toString()).contains("--force");
        assertThat(list(out)).containsExactly("keep.txt");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("an earlier build");
        assertThat(list(dir)).containsExactlyInAnyOrder("policy", "items.jsonl", "events.jsonl", "out");
    }

    @Test
    void force_replaces_a_non_empty_output_directory_with_the_whole_build() throws IOException {
        Fixture.write(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "an earlier build");
        Files.createDirectories(out.resolve("nested/deeper"));
        Cli.Result r = Cli.run(Fixture.gate(dir, "--force"));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(list(out)).containsExactlyInAnyOrder("allowed.jsonl", "denied.jsonl", "build.json");
        assertThat(list(dir)).as("no staging directory is left behind")
                .containsExactlyInAnyOrder("policy", "items.jsonl", "events.jsonl", "out");
    }

    @Test
    void force_with_bad_input_leaves_the_old_build_untouched() throws IOException {
        Fixture.writeWith(dir, "items.jsonl", 2, "{\"id\": ");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "an earlier build");
        Cli.Result r = Cli.run(Fixture.gate(dir, "--force"));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(list(out)).containsExactly("keep.txt");
        assertThat(list(dir)).containsExactlyInAnyOrder("policy", "items.jsonl", "events.jsonl", "out");
    }

    @Test
    void timings_name_each_phase_in_order_on_standard_error_and_leave_the_summary_as_it_was() throws IOException {
        Fixture.write(dir);
        Cli.Result r = Cli.run(Fixture.gate(dir, "--timings"));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.err().strip()).matches("timings: reading \\d+\\.\\d\\d s, lineage \\d+\\.\\d\\d s, preparing \\d+\\.\\d\\d s, "
                + "deciding \\d+\\.\\d\\d s, merkle \\d+\\.\\d\\d s, total \\d+\\.\\d\\d s");
        assertThat(r.out()).contains(" items, ").doesNotContain("timings");
    }

    @Test
    void a_file_system_root_is_refused_as_the_output_directory() throws IOException {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir, "--force")));
        args.set(args.indexOf("--out") + 1, "/");
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("[" + ErrorCode.OUTPUT_EXISTS + "]");
    }

    @Test
    void an_empty_output_directory_may_be_used() throws IOException {
        Fixture.write(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(list(out)).containsExactlyInAnyOrder("allowed.jsonl", "denied.jsonl", "build.json");
    }

    @Test
    void an_output_path_that_is_a_file_is_refused() throws IOException {
        Fixture.write(dir);
        Files.writeString(dir.resolve("out"), "not a directory");
        Cli.Result r = Cli.run(Fixture.gate(dir, "--force"));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("out").toString());
        assertThat(Files.readString(dir.resolve("out"))).isEqualTo("not a directory");
    }

    @Test
    void an_output_directory_in_a_directory_that_does_not_exist_yet_is_created() throws IOException {
        Fixture.write(dir);
        Path out = dir.resolve("builds/2023/aug");
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir)));
        args.set(args.indexOf("--out") + 1, out.toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(list(out)).containsExactlyInAnyOrder("allowed.jsonl", "denied.jsonl", "build.json");
    }

    @Test
    void an_unknown_purpose_is_bad_input_naming_the_option() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir)));
        args.set(args.indexOf("--purpose") + 1, "ai.trainng");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--purpose").contains("ai.trainng");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_decision_time_that_is_not_a_timestamp_is_bad_input_naming_the_option() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir)));
        args.set(args.indexOf("--at") + 1, "2023-08-10");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--at").contains("2023-08-10");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_missing_required_option_is_bad_input() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir)));
        int at = args.indexOf("--purpose");
        args.remove(at + 1);
        args.remove(at);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--purpose");
    }

    @Test
    void an_items_file_that_does_not_exist_is_bad_input_naming_it() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir)));
        String missing = dir.resolve("no-such-items.jsonl").toString();
        args.set(args.indexOf("--items") + 1, missing);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains(missing).contains("[" + ErrorCode.FILE_NOT_READABLE + "]");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_policy_directory_without_versions_is_bad_input_naming_it() throws IOException {
        Fixture.write(dir);
        Files.delete(dir.resolve("policy/v1.yaml"));
        Files.delete(dir.resolve("policy/v2.yaml"));
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("policy").toString());
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_policy_path_that_is_not_a_directory_is_bad_input() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.gate(dir)));
        String file = dir.resolve("items.jsonl").toString();
        args.set(args.indexOf("--policy") + 1, file);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains(file);
    }

    @Test
    void settings_that_require_each_other_in_a_circle_are_bad_input_naming_the_settings_file() {
        Fixture.writeWith(dir, "policy/settings.yaml", 3, "    default: false\n    requires: [ai.summary.share_for_training]");
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(dir.resolve("policy/settings.yaml").toString()) + ":\\d+")
                .contains("cycle");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /**
     * build.json as SPEC.md lists it: the build id, purpose, time, family, each version's SHA-256
     * of its file as read, the ledger head, counts, denials per code, and the RFC 6962 root over
     * the allowed ids sorted by their UTF-8 bytes, recomputed here without Consentry.
     */
    @Test
    void build_json_records_the_build_and_its_merkle_root_can_be_recomputed_from_the_allowed_ids() throws Exception {
        Fixture.write(dir);
        List<String> ids = List.of("z", "é", "\uE000-private", "\uD83D\uDE00-emoji", "A", "m1/audio");
        List<String> items = new ArrayList<>();
        for (String id : ids) {
            items.add("{\"id\":\"" + id + "\",\"account\":\"acme\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\"}");
        }
        items.add("{\"id\":\"denied\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T11:00:00Z\"}");
        items.add("{\"id\":\"later\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-11T11:00:00Z\"}");
        Fixture.write(dir.resolve("items.jsonl"), items);
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode build = JSON.readTree(dir.resolve("out/build.json").toFile());
        assertThat(r.out()).contains(build.get("build").asText());
        assertThat(build.get("build").asText()).matches("b-[0-9a-f]{24}");
        assertThat(build.get("purpose").asText()).isEqualTo("ai.training.first_party");
        assertThat(build.get("at").asText()).isEqualTo("2023-08-10T00:00:00Z");
        assertThat(build.get("policy").asText()).isEqualTo("terms");
        assertThat(build.get("versions")).hasSize(2);
        assertThat(build.get("versions").get(0).get("version").asText()).isEqualTo("v1");
        assertThat(build.get("versions").get(0).get("sha256").asText())
                .isEqualTo(hex(sha256(Files.readAllBytes(dir.resolve("policy/v1.yaml")))));
        assertThat(build.get("versions").get(1).get("sha256").asText())
                .isEqualTo(hex(sha256(Files.readAllBytes(dir.resolve("policy/v2.yaml")))));
        assertThat(build.get("ledger_head").asText()).matches("[0-9a-f]{64}");
        assertThat(build.get("counts").get("items").asLong()).isEqualTo(8);
        assertThat(build.get("counts").get("allowed").asLong()).isEqualTo(6);
        assertThat(build.get("counts").get("denied").asLong()).isEqualTo(2);
        assertThat(build.get("denied_by_code").get("requirement-unmet").asLong()).isEqualTo(1);
        assertThat(build.get("denied_by_code").get("not-yet-created").asLong()).isEqualTo(1);
        assertThat(build.get("denied_by_code")).hasSize(2);
        List<String> allowed = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/allowed.jsonl"))) {
            allowed.add(JSON.readTree(line).get("id").asText());
        }
        assertThat(allowed).as("allowed.jsonl keeps the order of the items file").containsExactlyElementsOf(ids);
        JsonNode merkle = build.get("merkle");
        assertThat(merkle.get("algorithm").asText()).isEqualTo("rfc6962-sha256");
        assertThat(merkle.get("size").asLong()).isEqualTo(6);
        assertThat(merkle.get("root").asText()).isEqualTo(rfc6962Root(allowed));
    }

    @Test
    void an_empty_history_leaves_every_setting_at_its_default_and_no_notice_acknowledged() throws IOException {
        Fixture.writeWith(dir, "events.jsonl", 0, null);
        Cli.Result r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> Cli.run(Fixture.gate(dir)));
        assertThat(r.exit()).as("%s", r).isZero();
        List<String> denied = Files.readAllLines(dir.resolve("out/denied.jsonl"));
        assertThat(denied).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"requirement\":\"setting:ai.summary.share_for_training\"")
                .contains("\"requirement\":\"notice:ai_processing\""));
        assertThat(Files.readAllLines(dir.resolve("out/allowed.jsonl"))).singleElement().asString().contains("m1/stats");
    }

    @Test
    void no_items_make_an_empty_build_whose_root_is_the_hash_of_nothing() throws IOException {
        Fixture.writeWith(dir, "items.jsonl", 0, null);
        Cli.Result r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> Cli.run(Fixture.gate(dir)));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/allowed.jsonl"))).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("out/denied.jsonl"))).isEmpty();
        JsonNode build = JSON.readTree(dir.resolve("out/build.json").toFile());
        assertThat(build.get("counts").get("items").asLong()).isZero();
        assertThat(build.get("merkle").get("size").asLong()).isZero();
        assertThat(build.get("merkle").get("root").asText())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void the_same_inputs_give_the_same_build_id_and_root() throws IOException {
        Fixture.write(dir);
        assertThat(Cli.run(Fixture.gate(dir)).exit()).isZero();
        String first = Files.readString(dir.resolve("out/build.json"));
        assertThat(Cli.run(Fixture.gate(dir, "--force")).exit()).isZero();
        assertThat(Files.readString(dir.resolve("out/build.json"))).isEqualTo(first);
    }

    /** RFC 6962 over ids sorted by UTF-8 bytes, written the way SPEC.md says anyone can. */
    private static String rfc6962Root(List<String> ids) {
        return Rfc6962.rootHex(ids.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).sorted(Arrays::compareUnsigned).toList());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
