package dev.consentry.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.policy.analysis.Outcome;
import java.io.IOException;

/** The fields of an {@link Outcome} shared by the lint and diff documents: effect, default, rules. */
final class OutcomeJson {
    private OutcomeJson() {}

    /** Writes {@code "effect":...,"default":...,"rules":[{"id":...,"requires":[...]}]} into the open object. */
    static void fields(JsonGenerator g, Outcome o) throws IOException {
        g.writeStringField("effect", o.verdict().word());
        g.writeBooleanField("default", o.fallsToDefault());
        g.writeArrayFieldStart("rules");
        for (Rule rule : o.rules()) {
            g.writeStartObject();
            g.writeStringField("id", rule.id());
            g.writeArrayFieldStart("requires");
            for (Requirement r : rule.requires()) {
                g.writeString(r.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
