package dev.consentry.formats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.consentry.consent.Event;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Writes the events format that {@link EventReader} reads: JSON Lines, one event a line, each with
 * its {@code type} and that type's fields in SPEC.md's order. A setting's {@code locked} is always
 * written. Recording order is file order, and file order breaks ties between events at the same
 * instant, so callers write events in the order they were recorded. Not thread-safe.
 */
public final class EventWriter implements Consumer<Event>, Closeable {
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString AT = new SerializedString("at");
    private static final SerializableString ACTOR = new SerializedString("actor");
    private static final SerializableString ROLE = new SerializedString("role");
    private static final SerializableString SCOPE = new SerializedString("scope");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString LOCKED = new SerializedString("locked");
    private static final SerializableString USER = new SerializedString("user");
    private static final SerializableString ACCOUNT = new SerializedString("account");
    private static final SerializableString GROUP = new SerializedString("group");
    private static final SerializableString MEETING = new SerializedString("meeting");
    private static final SerializableString NOTICE = new SerializedString("notice");
    private static final SerializableString ITEM = new SerializedString("item");

    private final JsonGenerator json;
    private final Timestamps.Writer time = new Timestamps.Writer();

    private EventWriter(JsonGenerator json) {
        this.json = json;
    }

    /** A writer onto {@code out}; closing the writer closes {@code out}. Buffer {@code out} for speed. */
    public static EventWriter open(OutputStream out) {
        return new EventWriter(JsonLines.generator(requireNonNull(out, "out is null")));
    }

    /** Writes one event and a newline; an I/O failure is rethrown as {@link UncheckedIOException}. */
    @Override
    public void accept(Event event) {
        try {
            write(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Event event) throws IOException {
        JsonGenerator g = json;
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeString(event.type());
        g.writeFieldName(AT);
        time.write(g, event.at());
        if (event instanceof Event.SettingChange s) {
            field(g, ACTOR, s.actor());
            field(g, ROLE, s.role());
            field(g, SCOPE, s.scope().toString());
            field(g, KEY, s.setting().key());
            g.writeFieldName(VALUE);
            g.writeBoolean(s.value());
            g.writeFieldName(LOCKED);
            g.writeBoolean(s.locked());
        } else if (event instanceof Event.Membership m) {
            field(g, USER, m.user());
            field(g, ACCOUNT, m.account());
            field(g, GROUP, m.group());
        } else if (event instanceof Event.NoticeAck a) {
            field(g, MEETING, a.meeting());
            field(g, USER, a.user());
            field(g, NOTICE, a.notice().kind());
        } else if (event instanceof Event.Objection o) {
            field(g, MEETING, o.meeting());
            field(g, USER, o.user());
            field(g, NOTICE, o.notice().kind());
        } else if (event instanceof Event.Erasure e) {
            field(g, ITEM, e.item());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** Flushes what is buffered to the stream, without closing it. */
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
