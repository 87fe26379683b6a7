package dev.consentry.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.consentry.decision.Decision;
import dev.consentry.decision.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes decisions as the gate's output lines:
 * {@code {"id":...,"decision":"allow"|"deny","reasons":[{"code":...,"rule":...,"policy":...,"version":...,"label":...,"requirement":...}]}},
 * fields that do not apply left out. The engine hands out the same {@link Reason} objects for
 * every item, so each reason's JSON is rendered once and reused by identity. Not thread-safe: one
 * writer per thread.
 */
public final class DecisionJson {
    private final Map<Reason, String> rendered = new IdentityHashMap<>();

    /** Writes one decision and a newline. */
    public void write(Decision decision, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", decision.item());
        out.writeStringField("decision", decision.effect().word());
        out.writeArrayFieldStart("reasons");
        for (Reason reason : decision.reasons()) {
            out.writeRawValue(rendered.computeIfAbsent(reason, DecisionJson::render));
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** A generator suited to {@link #write}: UTF-8, no separator between lines but the newline. */
    public static JsonGenerator generator(OutputStream out) {
        try {
            JsonGenerator g = JsonLines.JSON.createGenerator(out);
            g.setRootValueSeparator(new SerializedString(""));
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One decision as a JSON line (no newline). */
    public static String toJson(Decision decision) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator g = generator(buffer)) {
            new DecisionJson().write(decision, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8).strip();
    }

    private static String render(Reason reason) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonLines.JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("code", reason.code().code());
            field(g, "rule", reason.rule());
            field(g, "policy", reason.policy());
            field(g, "version", reason.version());
            field(g, "label", reason.label());
            field(g, "requirement", reason.requirement());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void field(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }
}
