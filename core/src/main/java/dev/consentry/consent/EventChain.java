package dev.consentry.consent;

import dev.consentry.time.Instants;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
    private final byte[] head = new byte[32];
    /** One event's encoding, reused: a history has millions of events and each is hashed once. */
    private byte[] encoded = new byte[256];
    private int length;
    private final char[] time = new char[Instants.UTC_SECONDS_LENGTH];

    public EventChain() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** Appends one event. */
    public void append(Event event) {
        length = 0;
        field(event.type());
        if (Instants.formatUtcSeconds(event.at(), time)) {
            field(time);
        } else {
            field(event.at().toString());
        }
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
        sha256.update(head);
        sha256.update(encoded, 0, length);
        try {
            sha256.digest(head, 0, head.length);
        } catch (DigestException e) {
            throw new AssertionError("a SHA-256 digest is 32 bytes", e);
        }
    }

    public String head() {
        return HexFormat.of().formatHex(head);
    }

    /** Appends a 4-byte big-endian length and the UTF-8 bytes of {@code value}. */
    private void field(String value) {
        int chars = value.length();
        ensure(4 + chars);
        int at = length + 4;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                ensure(4 + utf8.length);
                System.arraycopy(utf8, 0, encoded, length + 4, utf8.length);
                at = length + 4 + utf8.length;
                break;
            }
            encoded[at++] = (byte) c;
        }
        lengthPrefix(at - length - 4);
        length = at;
    }

    /** Appends a 4-byte big-endian length and {@code ascii}, a time spelled in ASCII without a string made of it. */
    private void field(char[] ascii) {
        ensure(4 + ascii.length);
        lengthPrefix(ascii.length);
        for (int i = 0; i < ascii.length; i++) {
            encoded[length + 4 + i] = (byte) ascii[i];
        }
        length += 4 + ascii.length;
    }

    private void lengthPrefix(int bytes) {
        encoded[length] = (byte) (bytes >>> 24);
        encoded[length + 1] = (byte) (bytes >>> 16);
        encoded[length + 2] = (byte) (bytes >>> 8);
        encoded[length + 3] = (byte) bytes;
    }

    private void ensure(int more) {
        if (length + more > encoded.length) {
            encoded = Arrays.copyOf(encoded, Math.max(encoded.length * 2, length + more));
        }
    }
}
