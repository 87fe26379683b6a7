package dev.consentry.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.analysis.Finding;
import dev.consentry.policy.analysis.Outcome;
import dev.consentry.policy.analysis.PolicyLint;
import dev.consentry.policy.analysis.PolicyMatrix;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the report of {@code consentry policy lint}, pretty-printed:
 * <pre>
 * {"policy": FAMILY,
 *  "versions": [{"version": V, "effective": TIME, "default": "allow"|"deny",
 *                "matrix": [{"category": C, "purpose": P, "effect": "allow"|"deny"|"conditional",
 *                            "default": BOOL, "rules": [{"id": ID, "requires": [REQUIREMENT...]}]}]}],
 *  "findings": [{"kind": KIND, "version": V, "rule": ID, "category": C, "purpose": P, "message": TEXT}]}
 * </pre>
 * Versions earliest first; the matrix in taxonomy order, category then purpose; fields of a
 * finding that do not apply are left out.
 */
public final class PolicyLintJson {
    private PolicyLintJson() {}

    public static void write(PolicyLint lint, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.JSON.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("policy", lint.family());
            g.writeArrayFieldStart("versions");
            for (PolicyMatrix m : lint.matrices()) {
                PolicyVersion v = m.version();
                g.writeStartObject();
                g.writeStringField("version", v.version());
                g.writeStringField("effective", v.effective().toString());
                g.writeStringField("default", v.defaultEffect().word());
                g.writeArrayFieldStart("matrix");
                for (Outcome o : m.outcomes()) {
                    g.writeStartObject();
                    g.writeStringField("category", o.category().name());
                    g.writeStringField("purpose", o.purpose().name());
                    OutcomeJson.fields(g, o);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : lint.findings()) {
                g.writeStartObject();
                g.writeStringField("kind", f.kind().word());
                g.writeStringField("version", f.version());
                if (f.rule().isPresent()) {
                    g.writeStringField("rule", f.rule().get());
                }
                if (f.category().isPresent()) {
                    g.writeStringField("category", f.category().map(Category::name).get());
                }
                if (f.purpose().isPresent()) {
                    g.writeStringField("purpose", f.purpose().map(Purpose::name).get());
                }
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
