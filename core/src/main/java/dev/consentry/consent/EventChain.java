package dev.consentry.consent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain that names a consent history: {@code h0} is 32 zero bytes and
 * {@code h(i) = SHA-256(h(i-1) ‖ encode(event i))}, where {@code encode} is the event's type and
 * its fields in a fixed order, each as a 4-byte big-endian length followed by its UTF-8 bytes.
 * Length prefixes make the encoding unambiguous without any escaping, so anyone can recompute a
 * head from an events file in a few lines. Changing any past event changes every later head.
 */
public final class EventChain {
    private final MessageDigest sha256;
    private byte[] head = new byte[32];

    public EventChain() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** Appends one event. */
    public void append(Event event) {
        sha256.update(head);
        field(event.type());
        field(event.at().toString());
        if (event instanceof Event.SettingChange s) {
            field(s.actor());
            field(s.role());
            field(s.scope().toString());
            field(s.setting().key());
            field(Boolean.toString(s.value()));
            field(Boolean.toString(s.locked()));
        } else if (event instanceof Event.Membership m) {
            field(m.account());
            field(m.user());
            field(m.group());
        } else if (event instanceof Event.NoticeAck a) {
            field(a.meeting());
            field(a.user());
            field(a.notice().kind());
        } else if (event instanceof Event.Objection o) {
            field(o.meeting());
            field(o.user());
            field(o.notice().kind());
        } else if (event instanceof Event.Erasure e) {
            field(e.item());
        }
        head = sha256.digest();
    }

    public String head() {
        return HexFormat.of().formatHex(head);
    }

    private void field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha256.update(bytes);
    }
}
