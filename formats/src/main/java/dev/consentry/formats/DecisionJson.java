package dev.consentry.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.consentry.decision.Decision;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Reason;
import dev.consentry.decision.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes decisions as the gate's output lines:
 * {@code {"id":...,"decision":"allow"|"deny","reasons":[{"code":...,"rule":...,"policy":...,"version":...,"label":...,"requirement":...}]}},
 * fields that do not apply left out.
 *
 * <p>The engine hands out the same {@link Reason} objects for every item, so each reason is
 * rendered to UTF-8 once (by Jackson, which does the escaping) and its bytes are reused by
 * identity; a line is then the escaped id and a few byte copies. Not thread-safe: one writer per
 * thread.
 */
public final class DecisionJson {
    private static final byte[] ID = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALLOW = "\",\"decision\":\"allow\",\"reasons\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DENY = "\",\"decision\":\"deny\",\"reasons\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "]}\n".getBytes(StandardCharsets.UTF_8);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW = 0x7F7F7F7F7F7F7F7FL;

    private final Map<Reason, byte[]> rendered = new IdentityHashMap<>();
    private final JsonStringEncoder encoder = JsonStringEncoder.getInstance();

    /** Writes one decision and a newline. */
    public void write(Decision decision, LineBuffer out) {
        out.append(ID);
        out.append(encoder.quoteAsUTF8(decision.item()));
        out.append(decision.allowed() ? ALLOW : DENY);
        List<Reason> reasons = decision.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            reason(i, reasons.get(i), out);
        }
        out.append(END);
    }

    /**
     * Writes the decision of a node of a graph and a newline, the same line {@link #write(Decision,
     * LineBuffer)} writes: the id is copied from the graph's UTF-8 bytes when it needs no escaping.
     */
    public void write(ItemGraph graph, int node, Verdict verdict, LineBuffer out) {
        out.append(ID);
        byte[] id = graph.idBytes(node);
        int from = graph.idStart(node);
        int to = graph.idEnd(node);
        if (needsEscaping(id, from, to)) {
            out.append(encoder.quoteAsUTF8(graph.id(node)));
        } else {
            out.append(id, from, to);
        }
        out.append(verdict.allowed() ? ALLOW : DENY);
        for (int i = 0; i < verdict.reasons(); i++) {
            reason(i, verdict.reason(i), out);
        }
        out.append(END);
    }

    private void reason(int index, Reason reason, LineBuffer out) {
        if (index > 0) {
            out.append((byte) ',');
        }
        out.append(rendered.computeIfAbsent(reason, DecisionJson::render));
    }

    /**
     * What JSON (and Jackson) escapes in a string: control characters, the quote and the backslash.
     * Eight bytes at a time: every line of a build asks it of an id, and a byte at a time that was
     * a tenth of rendering at ten million items.
     */
    static boolean needsEscaping(byte[] utf8, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(utf8, i);
            // A byte below 0x20 borrows into its high bit when 0x20 is taken from it; bytes from 0x80 up
            // (UTF-8 past ASCII, never escaped) are left out by their own high bit. A borrow can only
            // mark bytes above one that is below 0x20, so the test is exact for "any".
            long control = (x - 0x2020202020202020L) & ~x & HIGH;
            if ((control | zeroBytes(x ^ 0x2222222222222222L) | zeroBytes(x ^ 0x5C5C5C5C5C5C5C5CL)) != 0) {
                return true;
            }
        }
        for (; i < to; i++) {
            byte b = utf8[i];
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                return true;
            }
        }
        return false;
    }

    /** The high bit of each byte of {@code x} that is zero, and no other bit. */
    private static long zeroBytes(long x) {
        return ~((x & LOW) + LOW | x | LOW);
    }

    /** One decision as a JSON line (no newline). */
    public static String toJson(Decision decision) {
        LineBuffer buffer = new LineBuffer(256);
        new DecisionJson().write(decision, buffer);
        return buffer.toString().strip();
    }

    private static byte[] render(Reason reason) {
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
        return buffer.toByteArray();
    }

    private static void field(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }
}
