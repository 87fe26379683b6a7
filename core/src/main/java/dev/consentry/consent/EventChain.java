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
    private static final int HEAD = 32;
    private final MessageDigest sha256;
    /**
     * The head so far, then one event's encoding, reused: a history has millions of events and
     * each is hashed once, in one call, and its digest written over the head in place.
     */
    private byte[] encoded = new byte[256];
    private int length;
    private final char[] time = new char[Instants.UTC_SECONDS_LENGTH];
    private final String[] fields = new String[6];

    public EventChain() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** Appends one event. */
    public void append(Event event) {
        if (event instanceof Event.NoticeAck a) {
            appendNotice(false, Instants.nanos(a.at()), a.meeting(), a.user(), a.notice());
            return;
        }
        if (event instanceof Event.Objection o) {
            appendNotice(true, Instants.nanos(o.at()), o.meeting(), o.user(), o.notice());
            return;
        }
        length = HEAD;
        field(event.type());
        if (Instants.formatUtcSeconds(event.at(), time)) {
            field(time);
        } else {
            field(event.at().toString());
        }
        int count = fieldsOf(event);
        for (int i = 0; i < count; i++) {
            field(fields[i]);
        }
        digest();
    }

    /**
     * Appends an acknowledgement, or an objection when {@code objection}, from its parts, as
     * {@link #append} would the event: a log holds millions of them in columns ({@link EventLog}).
     */
    public void appendNotice(boolean objection, long atNanos, String meeting, String user, NoticeDefinition notice) {
        length = HEAD;
        field(objection ? "objection" : "notice_ack");
        if (Instants.formatUtcSeconds(atNanos, time)) {
            field(time);
        } else {
            field(Instants.instant(atNanos).toString());
        }
        field(meeting);
        field(user);
        field(notice.kind());
        digest();
    }

    /** Appends every event of a log, in order. */
    public void append(EventLog log) {
        for (int i = 0; i < log.size(); i++) {
            if (log.isNotice(i)) {
                appendNotice(log.objection(i), log.at(i), log.meeting(i), log.user(i), log.notice(i));
            } else {
                append(log.other(i));
            }
        }
    }

    /** Hashes the head and the event's encoding into the new head. */
    private void digest() {
        sha256.update(encoded, 0, length);
        try {
            sha256.digest(encoded, 0, HEAD);
        } catch (DigestException e) {
            throw new AssertionError("a SHA-256 digest is 32 bytes", e);
        }
    }

    /**
     * Puts the fields after its time of an event other than a notice into {@link #fields}, in their
     * order; returns how many. Encoding them from one place, rather than once per type, keeps {@link #append}
     * small: the optimising compiler compiled it twice, in up to 0.4 s each time, on two
     * cores where that time is taken from reading.
     */
    private int fieldsOf(Event event) {
        String[] f = fields;
        if (event instanceof Event.SettingChange s) {
            f[0] = s.actor();
            f[1] = s.role();
            f[2] = s.scope().toString();
            f[3] = s.setting().key();
            f[4] = Boolean.toString(s.value());
            f[5] = Boolean.toString(s.locked());
            return 6;
        } else if (event instanceof Event.Membership m) {
            f[0] = m.account();
            f[1] = m.user();
            f[2] = m.group();
            return 3;
        } else if (event instanceof Event.Erasure e) {
            f[0] = e.item();
            return 1;
        }
        throw new AssertionError("every event type is encoded: " + event.type());
    }

    public String head() {
        return HexFormat.of().formatHex(encoded, 0, HEAD);
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
