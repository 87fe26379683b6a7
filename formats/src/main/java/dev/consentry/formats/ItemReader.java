package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.DUPLICATE_ID;
import static dev.consentry.error.ErrorCode.UNKNOWN_CATEGORY;
import static dev.consentry.error.ErrorCode.UNKNOWN_TRANSFORM;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.consentry.decision.IdSlabs;
import dev.consentry.decision.ItemBatch;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Names;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.taxonomy.Transform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads the items format: JSON Lines, one item a line, every field checked, into the rows of
 * {@link ItemBatch}es, one per block of lines, without making an object per item.
 *
 * <p>A line in the plain form Consentry writes (no escapes, ASCII text, see {@link PlainJson})
 * is read straight from its bytes ({@link #plainLine}); any other line, and
 * every line with an error, goes through the JSON parser ({@link #line}), which reads all of JSON
 * and names the error. An item line is always the same nine fields, and reading ten million of
 * them through Jackson took 20 s of CPU against 11 s read plainly (measured). Account, user
 * and meeting names and categories repeat across millions of items, so each block looks them up
 * by their bytes ({@link ByteKeys}) and makes a string only the first time it sees one; names are
 * numbered in one {@link Names} for the whole file (in a gate, the one the events were read with).
 */
public final class ItemReader implements JsonLines.Block<ItemBatch> {
    static final List<String> FIELDS = List.of("id", "account", "user", "meeting", "category", "created", "subjects",
            "parents", "transforms");
    private static final int ID = 0;
    private static final int ACCOUNT = 1;
    private static final int USER = 2;
    private static final int MEETING = 3;
    private static final int CATEGORY = 4;
    private static final int CREATED = 5;
    private static final int SUBJECTS = 6;
    private static final int PARENTS = 7;
    private static final int TRANSFORMS = 8;

    private final Taxonomy taxonomy;
    private final Names names;
    private ItemBatch batch;
    private final ItemBatch.Row row = new ItemBatch.Row();
    private final IdSlabs idSlabs = new IdSlabs();

    // What plain lines have named so far. Keys are numbered in order, so key k is new when k values are known.
    // Names, subject lists and transform lists are forgotten at each block, so their tables stay the size of
    // one block's and in cache (and a file that spells lists in ever new ways cannot grow them without bound);
    // categories, which the taxonomy bounds, are kept.
    private final PlainJson plain = new PlainJson();
    private final PlainFields fields = new PlainFields(FIELDS);
    private final ByteKeys nameKeys = new ByteKeys();
    private int[] nameIds = new int[256];
    private int namesKnown;
    /** The name key found last at each field and at each of the first subject positions; -1 for none yet. */
    private final int[] lastKeys = filled(SUBJECTS + 64, -1);
    private final ByteKeys categoryKeys = new ByteKeys();
    /** Categories by key; null for a name the taxonomy does not know, which the parser then reports. */
    private Category[] categories = new Category[16];
    private int categoriesKnown;
    private int lastCategory = -1;
    /** Transform sets by the bytes of their list; null for a list naming a transform the taxonomy does not know. */
    private final ByteKeys transformKeys = new ByteKeys();
    private Object[] transformsByKey = new Object[16];
    private int transformListsKnown;
    private int lastTransforms = -1;
    /** Subject lists by their bytes, as the batch's numbers of the lists. */
    private final ByteKeys subjectListKeys = new ByteKeys();
    private int[] subjectLists = new int[16];
    private int[] subjectNames = new int[16];
    private int subjectListsKnown;
    private int lastSubjectList = -1;
    private final Timestamps.Reader times = new Timestamps.Reader();
    /** Where each string of the list being read starts and ends. */
    private int[] spans = new int[16];

    ItemReader(Taxonomy taxonomy, Names names) {
        this.taxonomy = taxonomy;
        this.names = names;
    }

    @Override
    public void start(int expectedItems) {
        batch = new ItemBatch(names, expectedItems);
        nameKeys.clear();
        namesKnown = 0;
        Arrays.fill(lastKeys, -1);
        subjectListKeys.clear();
        subjectListsKnown = 0;
        lastSubjectList = -1;
        transformKeys.clear();
        transformListsKnown = 0;
        lastTransforms = -1;
    }

    /** The items of a file in batches, the line each item came from, and the SHA-256 of the file's bytes. */
    public record ItemFile(String file, List<ItemBatch> batches, LineNumbers lines, String sha256) {
        /** Resolves lineage; two items with one id are an error naming the second one's line. */
        public ItemGraph graph() {
            try {
                return ItemGraph.of(batches);
            } catch (ItemGraph.DuplicateIdException e) {
                throw new ConsentryException(DUPLICATE_ID, SourceLocation.of(file, lines.line(e.second()), 0, "id"),
                        "item id '" + e.id() + "' already appears on line " + lines.line(e.first()));
            }
        }

        /** The items as values, in file order. */
        public List<Item> items() {
            ItemGraph graph = graph();
            return IntStream.range(0, graph.size()).mapToObj(graph::item).toList();
        }
    }

    public static ItemFile read(Path path, Taxonomy taxonomy) {
        return read(path, taxonomy, new Names());
    }

    /** Reads a file, numbering its names in {@code names}: those of the events it is decided against, in a gate. */
    public static ItemFile read(Path path, Taxonomy taxonomy, Names names) {
        JsonLines.Result<ItemBatch> result = JsonLines.read(path, () -> new ItemReader(taxonomy, names));
        return new ItemFile(path.toString(), result.blocks(), result.lines(), result.sha256());
    }

    @Override
    public void line(JsonParser parser, JsonLines.LineContext line) throws IOException {
        batch.add(parse(parser, line));
    }

    @Override
    public int plainLine(byte[] buf, int from, int limit) {
        PlainJson in = plain.reset(buf, from, limit);
        ItemBatch.Row item = row.clear();
        fields.startLine();
        if (!in.next('{')) {
            return NOT_PLAIN;
        }
        do {
            int field = fields.key(in);
            if (field < 0) {
                return NOT_PLAIN;
            }
            boolean read = switch (field) {
                case ID -> {
                    if (!in.string()) {
                        yield false;
                    }
                    item.id(buf, in.start, in.end - in.start);
                    yield true;
                }
                case ACCOUNT, USER, MEETING -> {
                    int name;
                    int hint = lastKeys[field];
                    if (nameKeys.next(in, hint)) {
                        name = nameIds[hint];
                    } else if (field != ACCOUNT && in.nullLiteral()) {
                        yield true;
                    } else if (in.string()) {
                        name = plainName(buf, in.start, in.end, field);
                    } else {
                        yield false;
                    }
                    switch (field) {
                        case ACCOUNT -> item.account(name);
                        case USER -> item.user(name);
                        default -> item.meeting(name);
                    }
                    yield true;
                }
                case CATEGORY -> plainCategory(in, item);
                case CREATED -> in.string() && plainCreated(in, item);
                case SUBJECTS -> in.nullLiteral() || plainSubjects(in, item);
                case PARENTS -> in.nullLiteral() || plainParents(in, item);
                case TRANSFORMS -> in.nullLiteral() || plainTransforms(in, item);
                default -> throw new AssertionError(field);
            };
            if (!read) {
                return NOT_PLAIN;
            }
        } while (in.next(','));
        int required = 1 << ID | 1 << ACCOUNT | 1 << CATEGORY | 1 << CREATED;
        if (!in.next('}') || (fields.seen() & required) != required) {
            return NOT_PLAIN;
        }
        int end = in.lineEnd();
        if (end >= 0) {
            batch.add(item);
        }
        return end;
    }


    /**
     * The number of the name {@code buf[from .. to)}; {@code place} names where it stands (a field, or a
     * subject's position) so that the key found there last is tried first.
     */
    private int plainName(byte[] buf, int from, int to, int place) {
        int hint = place < lastKeys.length ? lastKeys[place] : -1;
        int key = nameKeys.number(buf, from, to - from, hint);
        if (place < lastKeys.length) {
            lastKeys[place] = key;
        }
        if (key == namesKnown) {
            if (key == nameIds.length) {
                nameIds = Arrays.copyOf(nameIds, key * 2);
            }
            nameIds[namesKnown++] = names.id(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
        }
        return nameIds[key];
    }

    /** The category a plain line names, tried first as the one the line before named. */
    private boolean plainCategory(PlainJson in, ItemBatch.Row item) {
        int key;
        if (categoryKeys.next(in, lastCategory)) {
            key = lastCategory;
        } else if (in.string()) {
            key = categoryKeys.number(in.bytes(), in.start, in.end - in.start, lastCategory);
            if (key == categoriesKnown) {
                if (key == categories.length) {
                    categories = Arrays.copyOf(categories, key * 2);
                }
                categories[categoriesKnown++] = taxonomy.category(ascii(in)).orElse(null);
            }
            lastCategory = key;
        } else {
            return false;
        }
        if (categories[key] == null) {
            return false;
        }
        item.category(categories[key]);
        return true;
    }

    private boolean plainCreated(PlainJson in, ItemBatch.Row item) {
        long nanos = times.utcNanos(in.bytes(), in.start, in.end - in.start);
        if (nanos == Timestamps.NOT_UTC_FORM) {
            return false;
        }
        item.created(nanos);
        return true;
    }

    /**
     * A subject list is looked up by its bytes as a whole first: the items of one meeting mostly
     * name the same participants, and one lookup of the list is cheaper than one per name.
     */
    private boolean plainSubjects(PlainJson in, ItemBatch.Row item) {
        if (subjectListKeys.nextList(in, lastSubjectList)) {
            item.subjectList(subjectLists[lastSubjectList]);
            return true;
        }
        int count = stringList(in);
        if (count <= 0) {
            return count == 0;
        }
        byte[] buf = in.bytes();
        int key = subjectListKeys.number(buf, spans[0], spans[2 * count - 1] - spans[0], lastSubjectList);
        lastSubjectList = key;
        if (key == subjectListsKnown) {
            if (key == subjectLists.length) {
                subjectLists = Arrays.copyOf(subjectLists, key * 2);
            }
            if (count > subjectNames.length) {
                subjectNames = new int[Math.max(count, subjectNames.length * 2)];
            }
            for (int k = 0; k < count; k++) {
                subjectNames[k] = plainName(buf, spans[2 * k], spans[2 * k + 1], SUBJECTS + k);
            }
            subjectLists[subjectListsKnown++] = batch.subjectList(subjectNames, count);
        }
        item.subjectList(subjectLists[key]);
        return true;
    }

    /**
     * Reads a list of plain strings into {@link #spans}: how many there are (0 for an empty
     * list), or -1 if the list is not plain.
     */
    private int stringList(PlainJson in) {
        if (!in.next('[')) {
            return -1;
        }
        if (in.next(']')) {
            return 0;
        }
        int count = 0;
        do {
            if (!in.string()) {
                return -1;
            }
            if (count == spans.length / 2) {
                spans = Arrays.copyOf(spans, count * 4);
            }
            spans[2 * count] = in.start;
            spans[2 * count++ + 1] = in.end;
        } while (in.next(','));
        return in.next(']') ? count : -1;
    }

    private boolean plainParents(PlainJson in, ItemBatch.Row item) {
        if (!in.next('[')) {
            return false;
        }
        if (in.next(']')) {
            return true;
        }
        do {
            if (!in.string()) {
                return false;
            }
            item.parent(in.bytes(), in.start, in.end - in.start);
        } while (in.next(','));
        return in.next(']');
    }

    /** A transform list is looked up by its bytes as a whole: lines repeat a handful of lists. */
    @SuppressWarnings("unchecked")
    private boolean plainTransforms(PlainJson in, ItemBatch.Row item) {
        int count = stringList(in);
        if (count <= 0) {
            return count == 0;
        }
        byte[] buf = in.bytes();
        int key = transformKeys.number(buf, spans[0], spans[2 * count - 1] - spans[0], lastTransforms);
        lastTransforms = key;
        if (key == transformListsKnown) {
            if (key == transformsByKey.length) {
                transformsByKey = Arrays.copyOf(transformsByKey, key * 2);
            }
            List<String> names = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                names.add(new String(buf, spans[2 * k], spans[2 * k + 1] - spans[2 * k], StandardCharsets.ISO_8859_1));
            }
            transformsByKey[transformListsKnown++] = knownTransforms(names).orElse(null);
        }
        Set<Transform> set = (Set<Transform>) transformsByKey[key];
        if (set == null) {
            return false;
        }
        item.transforms(set);
        return true;
    }

    private static String ascii(PlainJson in) {
        return new String(in.bytes(), in.start, in.end - in.start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public ItemBatch result() {
        batch.seal(idSlabs);
        return batch;
    }

    /** Parses one item given as JSON text; {@code source} names it in errors. */
    public static Item parse(String json, String source, Taxonomy taxonomy) {
        byte[] bytes = json.strip().getBytes(StandardCharsets.UTF_8);
        ItemReader reader = new ItemReader(taxonomy, new Names());
        reader.start(1);
        JsonLines.LineContext line = new JsonLines.LineContext(source, 1);
        try (JsonParser parser = JsonLines.JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw line.error(dev.consentry.error.ErrorCode.MALFORMED_SYNTAX, parser, null, "expected a JSON object");
            }
            reader.line(parser, line);
            Item item = reader.batch.item(0);
            if (parser.nextToken() != null) {
                throw line.error(dev.consentry.error.ErrorCode.MALFORMED_SYNTAX, parser, null, "unexpected content after the item");
            }
            return item;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConsentryException(dev.consentry.error.ErrorCode.MALFORMED_SYNTAX,
                    // Limits such as a number's length are reported without a location.
                    Optional.of(SourceLocation.of(source, 1,
                            e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr()), null)),
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ItemBatch.Row parse(JsonParser p, JsonLines.LineContext line) throws IOException {
        ItemBatch.Row item = row.clear();
        fields.startLine();
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            int bit = switch (field) {
                case "id" -> ID;
                case "account" -> ACCOUNT;
                case "user" -> USER;
                case "meeting" -> MEETING;
                case "category" -> CATEGORY;
                case "created" -> CREATED;
                case "subjects" -> SUBJECTS;
                case "parents" -> PARENTS;
                case "transforms" -> TRANSFORMS;
                default -> -1;
            };
            p.nextToken();
            if (bit < 0) {
                throw Fields.unknown(p, line, field, FIELDS);
            }
            if ((seen & (1 << bit)) != 0) {
                throw Fields.duplicate(p, line, field);
            }
            seen |= 1 << bit;
            boolean absent = p.currentToken() == JsonToken.VALUE_NULL;
            switch (bit) {
                case ID -> {
                    Fields.requireString(p, line, field, -1);
                    try {
                        item.id(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    } catch (IllegalArgumentException e) {
                        throw line.error(BAD_VALUE, p, field, e.getMessage());
                    }
                }
                case ACCOUNT -> item.account(name(p, line, field, -1));
                case USER -> {
                    if (!absent) {
                        item.user(name(p, line, field, -1));
                    }
                }
                case MEETING -> {
                    if (!absent) {
                        item.meeting(name(p, line, field, -1));
                    }
                }
                case CATEGORY -> item.category(category(p, line, field));
                case CREATED -> item.created(Fields.timestampNanos(p, line, field));
                case SUBJECTS -> {
                    if (!absent) {
                        Fields.requireList(p, line, field);
                        for (int n = 0; p.nextToken() != JsonToken.END_ARRAY; n++) {
                            item.subject(name(p, line, field, n));
                        }
                    }
                }
                case PARENTS -> {
                    if (!absent) {
                        Fields.requireList(p, line, field);
                        for (int n = 0; p.nextToken() != JsonToken.END_ARRAY; n++) {
                            Fields.requireString(p, line, field, n);
                            try {
                                item.parent(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                            } catch (IllegalArgumentException e) {
                                throw line.error(BAD_VALUE, p, field + "[" + n + "]", e.getMessage());
                            }
                        }
                    }
                }
                case TRANSFORMS -> {
                    if (!absent) {
                        item.transforms(transforms(p, line, Fields.strings(p, line, field)));
                    }
                }
                default -> throw new AssertionError(field);
            }
        }
        for (int required : new int[] {ID, ACCOUNT, CATEGORY, CREATED}) {
            if ((seen & (1 << required)) == 0) {
                throw Fields.missing(line, FIELDS.get(required));
            }
        }
        return item;
    }

    /** The number of the name the parser is on (element {@code index} of a list, or the field itself when negative). */
    private int name(JsonParser p, JsonLines.LineContext line, String field, int index) throws IOException {
        Fields.requireString(p, line, field, index);
        return names.id(p.getText());
    }

    private Category category(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        String name = Fields.string(p, line, field);
        return taxonomy.category(name).orElseThrow(() -> line.error(UNKNOWN_CATEGORY, p, field, "unknown category '" + name + "'"));
    }

    private static int[] filled(int length, int value) {
        int[] array = new int[length];
        Arrays.fill(array, value);
        return array;
    }

    private Set<Transform> transforms(JsonParser p, JsonLines.LineContext line, List<String> names) {
        for (String name : names) {
            if (taxonomy.transform(name).isEmpty()) {
                throw line.error(UNKNOWN_TRANSFORM, p, "transforms", "unknown transform '" + name + "'");
            }
        }
        return knownTransforms(names).orElseThrow();
    }

    /** The transforms a list names; empty if it names one the taxonomy does not know. */
    private Optional<Set<Transform>> knownTransforms(List<String> names) {
        Set<Transform> set = new HashSet<>();
        for (String name : names) {
            Optional<Transform> transform = taxonomy.transform(name);
            if (transform.isEmpty()) {
                return Optional.empty();
            }
            set.add(transform.get());
        }
        return Optional.of(Set.copyOf(set));
    }
}
