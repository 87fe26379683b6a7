package dev.consentry.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.analysis.Change;
import dev.consentry.policy.analysis.Outcome;
import dev.consentry.policy.analysis.PolicyDiff;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Writes the report of {@code consentry policy diff}, pretty-printed:
 * <pre>
 * {"old": {"file": PATH, "policy": FAMILY, "version": V, "effective": TIME, "sha256": HEX},
 *  "new": {...the same...},
 *  "changes": [{"category": C, "purpose": P, "changed": ["pair"|"effect"|"rules"|"requirements"...],
 *               "old": {"effect": ..., "default": BOOL, "rules": [{"id": ID, "requires": [...]}]},
 *               "new": {...the same...},
 *               "requirements_added": [REQUIREMENT...], "requirements_removed": [REQUIREMENT...]}]}
 * </pre>
 * A change's {@code old} or {@code new} is left out when that version's taxonomy lacks the pair
 * (then {@code changed} is {@code ["pair"]}).
 */
public final class PolicyDiffJson {
    private PolicyDiffJson() {}

    /** {@code oldFile} and {@code newFile} are the paths the versions were read from, as given. */
    public static void write(PolicyDiff diff, String oldFile, String newFile, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.JSON.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            side(g, "old", oldFile, diff.before().version());
            side(g, "new", newFile, diff.after().version());
            g.writeArrayFieldStart("changes");
            for (Change c : diff.changes()) {
                g.writeStartObject();
                g.writeStringField("category", c.category());
                g.writeStringField("purpose", c.purpose());
                g.writeArrayFieldStart("changed");
                for (Change.Aspect a : c.aspects()) {
                    g.writeString(a.word());
                }
                g.writeEndArray();
                outcome(g, "old", c.before());
                outcome(g, "new", c.after());
                strings(g, "requirements_added", c.requirementsAdded());
                strings(g, "requirements_removed", c.requirementsRemoved());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void side(JsonGenerator g, String name, String file, PolicyVersion v) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("file", file);
        g.writeStringField("policy", v.family());
        g.writeStringField("version", v.version());
        g.writeStringField("effective", v.effective().toString());
        g.writeStringField("sha256", v.sha256());
        g.writeEndObject();
    }

    private static void outcome(JsonGenerator g, String name, Optional<Outcome> o) throws IOException {
        if (o.isPresent()) {
            g.writeObjectFieldStart(name);
            OutcomeJson.fields(g, o.get());
            g.writeEndObject();
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
