package dev.consentry.formats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Transform;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the items format that {@link ItemReader} reads: JSON Lines, one item a line, the fields in
 * SPEC.md's order ({@code id, account, user, meeting, category, created, subjects, parents,
 * transforms}). {@code user} and {@code meeting} are left out when absent; the three lists are
 * always written, empty or not, as in SPEC.md's sample line; transforms are sorted by name, so the
 * same item always gives the same bytes. Not thread-safe.
 *
 * <p>Rendering JSON is most of the cost of writing a generated platform (a profile of
 * {@code consentry generate} shows Jackson's string encoding on top), and consecutive items mostly
 * share their account, meeting and category, so those are encoded once and reused: the category
 * per category, the account and meeting while they stay the same object.
 */
public final class ItemWriter implements Consumer<Item>, Closeable {
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString ACCOUNT = new SerializedString("account");
    private static final SerializableString USER = new SerializedString("user");
    private static final SerializableString MEETING = new SerializedString("meeting");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString CREATED = new SerializedString("created");
    private static final SerializableString SUBJECTS = new SerializedString("subjects");
    private static final SerializableString PARENTS = new SerializedString("parents");
    private static final SerializableString TRANSFORMS = new SerializedString("transforms");
    private static final Comparator<Transform> BY_NAME = Comparator.comparing(Transform::name);

    private final JsonGenerator json;
    private final Timestamps.Writer time = new Timestamps.Writer();
    private SerializableString[] categories = new SerializableString[0];
    private final LastString account = new LastString();
    private final LastString meeting = new LastString();

    /** The last string written in one field, encoded; reused while the next item holds the same object. */
    private static final class LastString {
        private String value;
        private SerializableString encoded;

        SerializableString of(String s) {
            if (s != value) {
                value = s;
                encoded = new SerializedString(s);
            }
            return encoded;
        }
    }

    private ItemWriter(JsonGenerator json) {
        this.json = json;
    }

    /** A writer onto {@code out}; closing the writer closes {@code out}. Buffer {@code out} for speed. */
    public static ItemWriter open(OutputStream out) {
        return new ItemWriter(JsonLines.generator(requireNonNull(out, "out is null")));
    }

    /** Writes one item and a newline; an I/O failure is rethrown as {@link UncheckedIOException}. */
    @Override
    public void accept(Item item) {
        try {
            write(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Item item) throws IOException {
        JsonGenerator g = json;
        g.writeStartObject();
        g.writeFieldName(ID);
        g.writeString(item.id());
        g.writeFieldName(ACCOUNT);
        g.writeString(account.of(item.account()));
        if (item.user().isPresent()) {
            g.writeFieldName(USER);
            g.writeString(item.user().get());
        }
        if (item.meeting().isPresent()) {
            g.writeFieldName(MEETING);
            g.writeString(meeting.of(item.meeting().get()));
        }
        g.writeFieldName(CATEGORY);
        g.writeString(category(item.category()));
        g.writeFieldName(CREATED);
        time.write(g, item.created());
        g.writeFieldName(SUBJECTS);
        strings(g, item.subjects());
        g.writeFieldName(PARENTS);
        strings(g, item.parents());
        g.writeFieldName(TRANSFORMS);
        g.writeStartArray();
        if (item.transforms().size() == 1) {
            g.writeString(item.transforms().iterator().next().name());
        } else if (!item.transforms().isEmpty()) {
            for (Transform t : item.transforms().stream().sorted(BY_NAME).toList()) {
                g.writeString(t.name());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private SerializableString category(Category category) {
        int index = category.index();
        if (index >= categories.length) {
            categories = Arrays.copyOf(categories, index + 1);
        }
        SerializableString encoded = categories[index];
        if (encoded == null) {
            encoded = new SerializedString(category.name());
            categories[index] = encoded;
        }
        return encoded;
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (int i = 0, n = values.size(); i < n; i++) {
            g.writeString(values.get(i));
        }
        g.writeEndArray();
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
