package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.error.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code consentry explain}: one decision, the gate's JSON line or prose, and its own bad input. */
class ExplainCommandTest {
    private static final String NEW_ITEM = "{\"id\":\"m1/summary\",\"account\":\"acme\",\"user\":\"u1\",\"meeting\":\"m1\","
            + "\"category\":\"customer_content.transcript\",\"created\":\"2023-08-09T12:00:00Z\",\"subjects\":[\"u1\",\"u2\"],"
            + "\"parents\":[\"m1/audio\"]}";

    @TempDir
    Path dir;

    private String[] withItem(String json, boolean withItems) {
        List<String> args = new ArrayList<>(List.of("explain", "--item", json, "--events", dir.resolve("events.jsonl").toString(),
                "--policy", dir.resolve("policy").toString(), "--purpose", "ai.training.first_party", "--at", "2023-08-10T00:00:00Z"));
        if (withItems) {
            args.addAll(List.of("--items", dir.resolve("items.jsonl").toString()));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void explains_an_item_of_the_items_file_as_one_json_line() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(Fixture.explain(dir, "m1/transcript"));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"id\":\"m1/transcript\",\"decision\":\"allow\",\"reasons\":["
                + "{\"code\":\"allowed-by-rule\",\"rule\":\"content-training\",\"policy\":\"terms\",\"version\":\"v2\",\"label\":\"customer_content.audio\"},"
                + "{\"code\":\"allowed-by-rule\",\"rule\":\"content-training\",\"policy\":\"terms\",\"version\":\"v2\",\"label\":\"customer_content.transcript\"}]}");
    }

    @Test
    void explains_an_item_given_inline_with_its_lineage_from_the_items_file() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(withItem(NEW_ITEM, true));
        assertThat(r.exit()).as("%s", r).isZero();
        // u2 never acknowledged the notice in m1: the notice requirement fails for both labels.
        assertThat(r.out()).contains("\"id\":\"m1/summary\"", "\"decision\":\"deny\"",
                "\"label\":\"customer_content.audio\",\"requirement\":\"notice:ai_processing\"",
                "\"label\":\"customer_content.transcript\",\"requirement\":\"notice:ai_processing\"");
    }

    @Test
    void an_inline_item_without_the_items_file_has_a_parent_nobody_knows() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(withItem(NEW_ITEM, false));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"id\":\"m1/summary\",\"decision\":\"deny\",\"reasons\":[{\"code\":\"lineage\"}]}");
    }

    @Test
    void an_inline_item_takes_the_place_of_the_item_with_its_id() {
        Fixture.write(dir);
        String replacement = "{\"id\":\"m1/audio\",\"account\":\"acme\",\"category\":\"customer_content.audio\",\"created\":\"2023-08-11T00:00:00Z\"}";
        Cli.Result r = Cli.run(withItem(replacement, true));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"id\":\"m1/audio\",\"decision\":\"deny\",\"reasons\":[{\"code\":\"not-yet-created\"}]}");
    }

    @Test
    void the_text_format_says_what_decided_and_quotes_the_terms() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.explain(dir, "m1/transcript")));
        args.addAll(List.of("--format", "text"));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("m1/transcript: ALLOWED for ai.training.first_party", "content-training",
                "We train on meeting content only with consent and a notice.");
    }

    @Test
    void an_id_without_an_items_file_is_bad_input() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.explain(dir, "m1/audio")));
        int at = args.indexOf("--items");
        args.remove(at + 1);
        args.remove(at);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--id").contains("--items");
    }

    @Test
    void an_id_no_item_has_is_bad_input_naming_the_items_file() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(Fixture.explain(dir, "m9/nothing"));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("items.jsonl").toString()).contains("m9/nothing")
                .contains("[" + ErrorCode.UNKNOWN_ITEM + "]");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void malformed_inline_json_is_bad_input_naming_the_option() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(withItem("{\"id\": \"m1/x\", ", true));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--item:1").contains("[" + ErrorCode.MALFORMED_SYNTAX + "]");
    }

    /** The parser reports its limits (here a number's length) without a location. */
    @Test
    void inline_json_past_the_parsers_limits_is_bad_input_naming_the_option() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(withItem("{\"id\": " + "9".repeat(1001) + "}", true));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--item:1").contains("[" + ErrorCode.MALFORMED_SYNTAX + "]");
    }

    @Test
    void an_inline_item_with_an_unknown_category_is_bad_input_naming_the_option_and_field() {
        Fixture.write(dir);
        Cli.Result r = Cli.run(withItem("{\"id\":\"m1/x\",\"account\":\"acme\",\"category\":\"customer_content.vidoe\",\"created\":\"2023-08-09T12:00:00Z\"}", true));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("--item:1").contains("category").contains("[" + ErrorCode.UNKNOWN_CATEGORY + "]");
    }

    @Test
    void id_and_item_together_are_bad_input() {
        Fixture.write(dir);
        List<String> args = new ArrayList<>(Arrays.asList(Fixture.explain(dir, "m1/audio")));
        args.addAll(List.of("--item", NEW_ITEM));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
    }
}
