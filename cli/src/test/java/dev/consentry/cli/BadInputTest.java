package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.consentry.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC.md, exit codes: "2 bad input — the message names the file, the line and the field, and
 * nothing is written". Each case breaks one line of one file of a valid world ({@link Fixture})
 * and runs both {@code gate} and {@code explain}: exit code 2, the error code, and the file, line
 * and field on standard error; and for the gate, no output directory.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    /** One broken input: which file, which line replaced by what, and what the error must name. */
    record Bad(String what, String file, int line, String replacement, int reportedLine, String field, ErrorCode code) {}

    static final List<Bad> CASES = List.of(
            // items.jsonl
            new Bad("an unknown key", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"colour\":\"red\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}",
                    2, "colour", ErrorCode.UNKNOWN_FIELD),
            new Bad("an unknown category", "items.jsonl", 3,
                    "{\"id\":\"m1/stats\",\"account\":\"acme\",\"category\":\"customer_content.adio\",\"created\":\"2023-08-09T11:00:00Z\"}",
                    3, "category", ErrorCode.UNKNOWN_CATEGORY),
            new Bad("a category the directory's own taxonomy does not have", "items.jsonl", 3,
                    "{\"id\":\"m1/stats\",\"account\":\"acme\",\"category\":\"customer_content.video\",\"created\":\"2023-08-09T11:00:00Z\"}",
                    3, "category", ErrorCode.UNKNOWN_CATEGORY),
            new Bad("an unknown transform", "items.jsonl", 3,
                    "{\"id\":\"m1/stats\",\"account\":\"acme\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\",\"parents\":[\"m1/audio\"],\"transforms\":[\"aggregated\",\"blurred\"]}",
                    3, "transforms", ErrorCode.UNKNOWN_TRANSFORM),
            new Bad("a default transform the directory's taxonomy leaves out", "items.jsonl", 3,
                    "{\"id\":\"m1/stats\",\"account\":\"acme\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\",\"transforms\":[\"pseudonymized\"]}",
                    3, "transforms", ErrorCode.UNKNOWN_TRANSFORM),
            new Bad("a timestamp with a space", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09 10:30:00Z\"}",
                    2, "created", ErrorCode.BAD_TIMESTAMP),
            new Bad("a timestamp without an offset", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00\"}",
                    2, "created", ErrorCode.BAD_TIMESTAMP),
            new Bad("a date that does not exist", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-02-30T10:30:00Z\"}",
                    2, "created", ErrorCode.BAD_TIMESTAMP),
            new Bad("a timestamp without seconds", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30Z\"}",
                    2, "created", ErrorCode.BAD_TIMESTAMP),
            new Bad("a timestamp with a point and no fraction", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00.Z\"}",
                    2, "created", ErrorCode.BAD_TIMESTAMP),
            new Bad("a timestamp in lower case", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09t10:30:00z\"}",
                    2, "created", ErrorCode.BAD_TIMESTAMP),
            new Bad("an account with half a surrogate pair", "items.jsonl", 3,
                    "{\"id\":\"m1/stats\",\"account\":\"\\ud800\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\"}",
                    3, "account", ErrorCode.BAD_VALUE),
            new Bad("a subject with half a surrogate pair", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\",\"subjects\":[\"u1\",\"\\udc00\"]}",
                    2, "subjects[1]", ErrorCode.BAD_VALUE),
            new Bad("a byte order mark at the start of a line after the first", "items.jsonl", 2,
                    "\uFEFF{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}",
                    2, null, ErrorCode.MALFORMED_SYNTAX),
            new Bad("an id with half a surrogate pair", "items.jsonl", 3,
                    "{\"id\":\"m1/\\ud800stats\",\"account\":\"acme\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\"}",
                    3, "id", ErrorCode.BAD_VALUE),
            new Bad("a parent id with half a surrogate pair", "items.jsonl", 3,
                    "{\"id\":\"m1/stats\",\"account\":\"acme\",\"category\":\"service_generated.usage\",\"created\":\"2023-08-09T11:00:00Z\",\"parents\":[\"m1/audio\",\"\\udc00\"]}",
                    3, "parents[1]", ErrorCode.BAD_VALUE),
            new Bad("a duplicate id", "items.jsonl", 3,
                    "{\"id\":\"m1/audio\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T11:00:00Z\"}",
                    3, "id", ErrorCode.DUPLICATE_ID),
            new Bad("a missing account", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}",
                    2, "account", ErrorCode.MISSING_FIELD),
            new Bad("a missing creation time", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\"}",
                    2, "created", ErrorCode.MISSING_FIELD),
            new Bad("subjects that are not a list", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\",\"subjects\":\"u1\"}",
                    2, "subjects", ErrorCode.WRONG_TYPE),
            new Bad("an id that is a number", "items.jsonl", 2,
                    "{\"id\":7,\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}",
                    2, "id", ErrorCode.WRONG_TYPE),
            new Bad("a parent that is a number", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\",\"parents\":[1]}",
                    2, "parents[0]", ErrorCode.WRONG_TYPE),
            new Bad("an empty id", "items.jsonl", 2,
                    "{\"id\":\"\",\"account\":\"acme\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}",
                    2, "id", ErrorCode.BAD_VALUE),
            new Bad("a field given twice", "items.jsonl", 2,
                    "{\"id\":\"m1/transcript\",\"account\":\"acme\",\"account\":\"globex\",\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}",
                    2, "account", ErrorCode.MALFORMED_SYNTAX),
            new Bad("malformed JSON", "items.jsonl", 2, "{\"id\": \"m1/broken\", \"account\": ", 2, null, ErrorCode.MALFORMED_SYNTAX),
            new Bad("a line that is not an object", "items.jsonl", 3, "[\"m1/stats\"]", 3, null, ErrorCode.MALFORMED_SYNTAX),
            new Bad("two objects on one line", "items.jsonl", 3,
                    "{\"id\":\"m1/x\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-09T11:00:00Z\"} {}",
                    3, null, ErrorCode.MALFORMED_SYNTAX),
            // events.jsonl
            new Bad("an unknown key", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.summary.enabled\",\"value\":true,\"reason\":\"asked\"}",
                    2, "reason", ErrorCode.UNKNOWN_FIELD),
            new Bad("an unknown setting key", "events.jsonl", 3,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.summary.share_for_trainin\",\"value\":true}",
                    3, "key", ErrorCode.UNKNOWN_SETTING),
            new Bad("a setting of the built-in catalog the directory's catalog replaces", "events.jsonl", 3,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.meeting_summary.enabled\",\"value\":true}",
                    3, "key", ErrorCode.UNKNOWN_SETTING),
            new Bad("an unknown notice kind", "events.jsonl", 4,
                    "{\"type\":\"notice_ack\",\"at\":\"2023-08-09T09:59:00Z\",\"meeting\":\"m1\",\"user\":\"u1\",\"notice\":\"recording\"}",
                    4, "notice", ErrorCode.UNKNOWN_NOTICE),
            new Bad("an unknown notice kind with a newline in it, quoted back on one line", "events.jsonl", 4,
                    "{\"type\":\"notice_ack\",\"at\":\"2023-08-09T09:59:00Z\",\"meeting\":\"m1\",\"user\":\"u1\",\"notice\":\"ai_processi\\ng\"}",
                    4, "notice: unknown notice kind 'ai_processi\\ng'", ErrorCode.UNKNOWN_NOTICE),
            new Bad("an unknown objection kind", "events.jsonl", 0,
                    "{\"type\":\"objection\",\"at\":\"2023-08-09T09:59:00Z\",\"meeting\":\"m1\",\"user\":\"u1\",\"notice\":\"ai-processing\"}",
                    6, "notice", ErrorCode.UNKNOWN_NOTICE),
            new Bad("an unknown event type", "events.jsonl", 1,
                    "{\"type\":\"consent\",\"at\":\"2023-08-01T00:00:00Z\",\"user\":\"u1\"}",
                    1, "type", ErrorCode.BAD_VALUE),
            new Bad("a bad timestamp", "events.jsonl", 5, "{\"type\":\"erasure\",\"at\":\"yesterday\",\"item\":\"m0/old\"}",
                    5, "at", ErrorCode.BAD_TIMESTAMP),
            new Bad("a scope that is not one", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"team:acme\",\"key\":\"ai.summary.enabled\",\"value\":true}",
                    2, "scope", ErrorCode.BAD_VALUE),
            new Bad("a group scope without a group", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"group:acme\",\"key\":\"ai.summary.enabled\",\"value\":true}",
                    2, "scope", ErrorCode.BAD_VALUE),
            new Bad("a group scope with an empty name between two slashes", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"group:acme//sales\",\"key\":\"ai.summary.enabled\",\"value\":true}",
                    2, "scope", ErrorCode.BAD_VALUE),
            new Bad("a user scope with a third part", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"user:acme/u1/x\",\"key\":\"ai.summary.enabled\",\"value\":true}",
                    2, "scope", ErrorCode.BAD_VALUE),
            new Bad("a scope with a space after the colon", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"group: acme/sales\",\"key\":\"ai.summary.enabled\",\"value\":true}",
                    2, "scope", ErrorCode.BAD_VALUE),
            new Bad("a user with half a surrogate pair", "events.jsonl", 4,
                    "{\"type\":\"notice_ack\",\"at\":\"2023-08-09T09:59:00Z\",\"meeting\":\"m1\",\"user\":\"u\\ud800\",\"notice\":\"ai_processing\"}",
                    4, "user", ErrorCode.BAD_VALUE),
            new Bad("a membership without a group", "events.jsonl", 1,
                    "{\"type\":\"membership\",\"at\":\"2023-08-01T00:00:00Z\",\"user\":\"u1\",\"account\":\"acme\"}",
                    1, "group", ErrorCode.MISSING_FIELD),
            new Bad("a setting without a value", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.summary.enabled\"}",
                    2, "value", ErrorCode.MISSING_FIELD),
            new Bad("an event without a type", "events.jsonl", 5, "{\"at\":\"2023-09-01T00:00:00Z\",\"item\":\"m0/old\"}",
                    5, "type", ErrorCode.MISSING_FIELD),
            new Bad("a field of another event type", "events.jsonl", 5,
                    "{\"type\":\"erasure\",\"at\":\"2023-09-01T00:00:00Z\",\"item\":\"m0/old\",\"user\":\"u1\"}",
                    5, "user", ErrorCode.UNKNOWN_FIELD),
            new Bad("a value that is a string", "events.jsonl", 2,
                    "{\"type\":\"setting\",\"at\":\"2023-08-01T09:00:00Z\",\"actor\":\"admin1\",\"role\":\"account_admin\",\"scope\":\"account:acme\",\"key\":\"ai.summary.enabled\",\"value\":\"true\"}",
                    2, "value", ErrorCode.WRONG_TYPE),
            new Bad("malformed JSON", "events.jsonl", 3, "{\"type\":\"setting\",,}", 3, null, ErrorCode.MALFORMED_SYNTAX),
            // a policy version
            new Bad("an unknown top-level key", "policy/v2.yaml", 4, "default: deny\nowner: legal", 5, "owner", ErrorCode.UNKNOWN_FIELD),
            new Bad("an unknown key in a rule", "policy/v2.yaml", 7, "    effect: allow\n    priority: 1", 8, "priority", ErrorCode.UNKNOWN_FIELD),
            new Bad("an unknown category", "policy/v2.yaml", 8, "    categories: [customer_content.adio]", 8, "rules[0].categories[0]",
                    ErrorCode.UNKNOWN_CATEGORY),
            new Bad("an unknown purpose", "policy/v2.yaml", 15, "    purposes: [ai.trainin]", 15, "rules[1].purposes[0]",
                    ErrorCode.UNKNOWN_PURPOSE),
            new Bad("an unknown setting in a requirement", "policy/v2.yaml", 10,
                    "    requires: [\"setting:ai.summary.share_for_training\", \"setting:ai.summary.enabld\"]", 10,
                    "rules[0].requires[1]", ErrorCode.UNKNOWN_SETTING),
            new Bad("an unknown notice kind in a requirement", "policy/v2.yaml", 10, "    requires: [\"notice:recording\"]", 10,
                    "rules[0].requires[0]", ErrorCode.UNKNOWN_NOTICE),
            new Bad("an unknown transform in a requirement", "policy/v2.yaml", 10, "    requires: [\"transform:blurred\"]", 10,
                    "rules[0].requires[0]", ErrorCode.UNKNOWN_TRANSFORM),
            new Bad("a requirement of no known kind", "policy/v2.yaml", 10, "    requires: [\"consent:yes\"]", 10,
                    "rules[0].requires[0]", ErrorCode.BAD_VALUE),
            new Bad("an unknown transform in a declassify rule", "policy/v2.yaml", 19, "    transform: summarized", 19,
                    "declassify[0].transform", ErrorCode.UNKNOWN_TRANSFORM),
            new Bad("an unknown category in a declassify rule", "policy/v2.yaml", 18, "    from: [customer_contents]", 18,
                    "declassify[0].from[0]", ErrorCode.UNKNOWN_CATEGORY),
            new Bad("an effective date without a time", "policy/v2.yaml", 3, "effective: \"2023-06-01\"", 3, "effective",
                    ErrorCode.BAD_TIMESTAMP),
            new Bad("a missing default", "policy/v2.yaml", 4, "", 1, "default", ErrorCode.MISSING_FIELD),
            new Bad("a rule without an effect", "policy/v2.yaml", 13, "", 12, "effect", ErrorCode.MISSING_FIELD),
            new Bad("categories that are not a list", "policy/v2.yaml", 8, "    categories: customer_content", 8,
                    "rules[0].categories", ErrorCode.WRONG_TYPE),
            new Bad("an effect that is neither allow nor deny", "policy/v2.yaml", 13, "    effect: maybe", 13, "rules[1].effect",
                    ErrorCode.BAD_VALUE),
            new Bad("a deny rule with requirements", "policy/v2.yaml", 7, "    effect: deny", 10, "rules[0].requires",
                    ErrorCode.BAD_VALUE),
            new Bad("a deny rule with an empty list of requirements", "policy/v2.yaml", 13, "    effect: deny\n    requires: []", 14,
                    "rules[1].requires", ErrorCode.BAD_VALUE),
            new Bad("categories with no value", "policy/v2.yaml", 8, "    categories:", 8, "rules[0].categories", ErrorCode.WRONG_TYPE),
            new Bad("two rules with one id", "policy/v2.yaml", 12, "  - id: content-training", 12, "rules[1].id",
                    ErrorCode.POLICY_CONFLICT),
            new Bad("a key given twice", "policy/v2.yaml", 4, "default: deny\ndefault: allow", 5, "default", ErrorCode.MALFORMED_SYNTAX),
            new Bad("malformed YAML", "policy/v2.yaml", 8, "    categories: [customer_content", 9, null, ErrorCode.MALFORMED_SYNTAX),
            new Bad("two versions with the same effective time", "policy/v2.yaml", 3, "effective: \"2023-01-01T00:00:00Z\"", 3,
                    "effective", ErrorCode.POLICY_CONFLICT),
            new Bad("the same effective time written with another offset", "policy/v2.yaml", 3,
                    "effective: \"2023-01-01T02:00:00+02:00\"", 3, "effective", ErrorCode.POLICY_CONFLICT),
            new Bad("two files with one version", "policy/v2.yaml", 2, "version: \"v1\"", 2, "version", ErrorCode.POLICY_CONFLICT),
            new Bad("another family", "policy/v2.yaml", 1, "policy: other-terms", 1, "policy", ErrorCode.POLICY_CONFLICT),
            // taxonomy.yaml
            new Bad("an unknown top-level key", "policy/taxonomy.yaml", 9, "transforms: [aggregated, anonymized]\ncolours: [red]", 10,
                    "colours", ErrorCode.UNKNOWN_FIELD),
            new Bad("an unknown key in a category", "policy/taxonomy.yaml", 3, "    parent: customer_content", 3,
                    "categories[0].parent", ErrorCode.UNKNOWN_FIELD),
            new Bad("a category name that is not a dotted name", "policy/taxonomy.yaml", 4, "  - name: Customer Content.Transcript", 4,
                    "categories[1].name", ErrorCode.BAD_VALUE),
            new Bad("a category declared twice", "policy/taxonomy.yaml", 4, "  - name: customer_content.audio", 4,
                    "categories[1].name", ErrorCode.DUPLICATE_ID),
            new Bad("a transform that is not a name", "policy/taxonomy.yaml", 9, "transforms: [aggregated, Blurred]", 9,
                    "transforms[1]", ErrorCode.BAD_VALUE),
            new Bad("no purposes", "policy/taxonomy.yaml", 6, "", 1, "purposes", ErrorCode.MISSING_FIELD),
            // settings.yaml
            new Bad("an unknown key in a setting", "policy/settings.yaml", 3, "    default: false\n    label: Summaries", 4,
                    "settings[0].label", ErrorCode.UNKNOWN_FIELD),
            new Bad("a requirement on an unknown setting", "policy/settings.yaml", 6, "    requires: [ai.summary.enable]", 6,
                    "settings[1].requires[0]", ErrorCode.UNKNOWN_SETTING),
            new Bad("a default that is not a boolean", "policy/settings.yaml", 3, "    default: maybe", 3, "settings[0].default",
                    ErrorCode.WRONG_TYPE),
            new Bad("a setting without a default", "policy/settings.yaml", 3, "", 2, "default", ErrorCode.MISSING_FIELD),
            new Bad("a setting declared twice", "policy/settings.yaml", 4, "  - key: ai.summary.enabled", 4, "settings[1].key",
                    ErrorCode.DUPLICATE_ID),
            new Bad("an unknown key in a notice", "policy/settings.yaml", 9, "    text: \"AI is processing this meeting.\"\n    colour: red",
                    10, "notices[0].colour", ErrorCode.UNKNOWN_FIELD),
            new Bad("a notice kind declared twice", "policy/settings.yaml", 0, "  - kind: ai_processing\n    text: \"Again.\"", 10,
                    "notices[1].kind", ErrorCode.DUPLICATE_ID));

    @TestFactory
    Stream<DynamicNode> bad_input_exits_2_naming_file_line_and_field_and_writes_nothing() {
        return CASES.stream().map(bad -> DynamicContainer.dynamicContainer(bad.file() + ": " + bad.what(), Stream.of(
                dynamicTest("gate", () -> {
                    Path dir = Files.createTempDirectory(tmp, "gate");
                    Fixture.writeWith(dir, bad.file(), bad.line(), bad.replacement());
                    Cli.Result r = Cli.run(Fixture.gate(dir));
                    assertNamed(r, dir, bad);
                    assertThat(dir.resolve("out")).as("the output directory").doesNotExist();
                    try (Stream<Path> siblings = Files.list(dir)) {
                        assertThat(siblings.map(p -> p.getFileName().toString())).as("nothing is written next to it either")
                                .containsExactlyInAnyOrder("policy", "items.jsonl", "events.jsonl");
                    }
                }),
                dynamicTest("explain", () -> {
                    Path dir = Files.createTempDirectory(tmp, "explain");
                    Fixture.writeWith(dir, bad.file(), bad.line(), bad.replacement());
                    assertNamed(Cli.run(Fixture.explain(dir, "m1/audio")), dir, bad);
                }))));
    }

    private static void assertNamed(Cli.Result r, Path dir, Bad bad) {
        String file = dir.resolve(bad.file()).toString();
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).as("the error code").contains("[" + bad.code() + "]");
        assertThat(r.err()).as("the file and line").containsPattern(Pattern.quote(file) + ":" + bad.reportedLine() + "(:|\\b)");
        if (bad.field() != null) {
            assertThat(r.err()).as("the field").contains(bad.field());
        }
        assertThat(r.out()).as("nothing on standard output").isEmpty();
        assertThat(r.err().strip()).as("one line, as tools read it").doesNotContain("\n");
    }

    /** Bytes that are not UTF-8, such as the overlong {@code C0 AF} a lenient decoder reads as {@code /}. */
    @TestFactory
    Stream<DynamicNode> bytes_that_are_not_utf8_are_named_at_their_line_and_column() {
        record NotUtf8(String file, int line, String before, String after, int column) {}
        return Stream.of(
                new NotUtf8("items.jsonl", 2, "{\"id\":\"m1", "transcript\",\"account\":\"acme\",\"category\":"
                        + "\"customer_content.transcript\",\"created\":\"2023-08-09T10:30:00Z\"}", 10),
                new NotUtf8("events.jsonl", 1, "{\"type\":\"membership\",\"at\":\"2023-08-01T00:00:00Z\",\"user\":\"u1\",\"account\":\"ac",
                        "me\",\"group\":\"sales\"}", 75),
                new NotUtf8("policy/v2.yaml", 2, "version: \"v", "2\"", 12))
                .map(bad -> dynamicTest(bad.file(), () -> {
                    Path dir = Files.createTempDirectory(tmp, "utf8");
                    Fixture.write(dir);
                    List<String> lines = Files.readAllLines(dir.resolve(bad.file()));
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    for (int i = 0; i < lines.size(); i++) {
                        if (i + 1 == bad.line()) {
                            bytes.writeBytes(bad.before().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            bytes.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
                            bytes.writeBytes(bad.after().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        } else {
                            bytes.writeBytes(lines.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        }
                        bytes.write('\n');
                    }
                    Files.write(dir.resolve(bad.file()), bytes.toByteArray());
                    Cli.Result r = Cli.run(Fixture.gate(dir));
                    assertThat(r.exit()).as("%s", r).isEqualTo(2);
                    assertThat(r.err()).contains(dir.resolve(bad.file()) + ":" + bad.line() + ":" + bad.column() + ": ")
                            .contains("not UTF-8: the byte C0 does not").contains("[" + ErrorCode.MALFORMED_SYNTAX + "]");
                    assertThat(dir.resolve("out")).doesNotExist();
                }));
    }

    @Test
    void a_byte_for_byte_copy_of_a_version_file_is_a_conflict_named_at_its_effective_time(@TempDir Path dir) {
        Fixture.write(dir);
        Fixture.write(dir.resolve("policy/v1-copy.yaml"), Fixture.FILES.get("policy/v1.yaml"));
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("[" + ErrorCode.POLICY_CONFLICT + "]").containsPattern(
                "policy/v1(-copy)?\\.yaml:3:\\d+: effective");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void the_valid_world_of_the_fixture_builds(@TempDir Path dir) throws IOException {
        Fixture.write(dir);
        Cli.Result r = Cli.run(Fixture.gate(dir));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/allowed.jsonl"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("out/denied.jsonl"))).isEmpty();
        Cli.Result explain = Cli.run(Fixture.explain(dir, "m1/transcript"));
        assertThat(explain.exit()).as("%s", explain).isZero();
        assertThat(explain.out()).contains("\"decision\":\"allow\"");
    }
}
