package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.DUPLICATE_ID;
import static dev.consentry.error.ErrorCode.UNKNOWN_CATEGORY;
import static dev.consentry.error.ErrorCode.UNKNOWN_TRANSFORM;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads the items format: JSON Lines, one item a line, every field checked, into the rows of
 * {@link ItemBatch}es, one per block of lines, without making an object per item. Account, user
 * and meeting names and categories repeat across millions of items, so each block looks them up by
 * the parser's characters ({@link CharKeys}) and makes a string only the first time it sees one;
 * names are numbered in one {@link Names} for the whole file. Creation times are read from the
 * parser's characters too.
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
    private final ItemBatch batch;
    private final ItemBatch.Row row = new ItemBatch.Row();
    // Each key's value, once the key has one: keys are numbered in order, so key k is new when k values are known.
    private final CharKeys nameKeys = new CharKeys();
    private int[] nameIds = new int[256];
    private int namesKnown;
    /** The name key found last at each field and at each of the first subject positions; -1 for none yet. */
    private final int[] lastKeys = filled(SUBJECTS + 64, -1);
    private final CharKeys categoryKeys = new CharKeys();
    private Category[] categories = new Category[16];
    private int categoriesKnown;
    private int lastCategory = -1;
    private final HashMap<List<String>, Set<Transform>> transformSets = new HashMap<>();

    private ItemReader(Taxonomy taxonomy, Names names, int expectedItems) {
        this.taxonomy = taxonomy;
        this.batch = new ItemBatch(names, expectedItems);
    }

    /** The items of a file in batches, the line each item came from, and the SHA-256 of the file's bytes. */
    public record ItemFile(String file, List<ItemBatch> batches, int[] lines, String sha256) {
        /** Resolves lineage; two items with one id are an error naming the second one's line. */
        public ItemGraph graph() {
            try {
                return ItemGraph.of(batches);
            } catch (ItemGraph.DuplicateIdException e) {
                throw new ConsentryException(DUPLICATE_ID, SourceLocation.of(file, lines[e.second()], 0, "id"),
                        "item id '" + e.id() + "' already appears on line " + lines[e.first()]);
            }
        }

        /** The items as values, in file order. */
        public List<Item> items() {
            ItemGraph graph = graph();
            return IntStream.range(0, graph.size()).mapToObj(graph::item).toList();
        }
    }

    public static ItemFile read(Path path, Taxonomy taxonomy) {
        Names names = new Names();
        JsonLines.Result<ItemBatch> result = JsonLines.read(path, lines -> new ItemReader(taxonomy, names, lines));
        return new ItemFile(path.toString(), result.blocks(), result.lines(), result.sha256());
    }

    @Override
    public void line(JsonParser parser, JsonLines.LineContext line) throws IOException {
        batch.add(parse(parser, line));
    }

    @Override
    public ItemBatch result() {
        return batch;
    }

    /** Parses one item given as JSON text; {@code source} names it in errors. */
    public static Item parse(String json, String source, Taxonomy taxonomy) {
        byte[] bytes = json.strip().getBytes(StandardCharsets.UTF_8);
        ItemReader reader = new ItemReader(taxonomy, new Names(), 1);
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
                    Optional.of(SourceLocation.of(source, 1, Math.max(0, e.getLocation().getColumnNr()), null)),
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ItemBatch.Row parse(JsonParser p, JsonLines.LineContext line) throws IOException {
        ItemBatch.Row item = row.clear();
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
                case ACCOUNT -> item.account(name(p, line, field, -1, ACCOUNT));
                case USER -> {
                    if (!absent) {
                        item.user(name(p, line, field, -1, USER));
                    }
                }
                case MEETING -> {
                    if (!absent) {
                        item.meeting(name(p, line, field, -1, MEETING));
                    }
                }
                case CATEGORY -> item.category(category(p, line, field));
                case CREATED -> item.created(Fields.timestampNanos(p, line, field));
                case SUBJECTS -> {
                    if (!absent) {
                        Fields.requireList(p, line, field);
                        for (int n = 0; p.nextToken() != JsonToken.END_ARRAY; n++) {
                            item.subject(name(p, line, field, n, SUBJECTS + n));
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

    /**
     * The number of the name the parser is on (element {@code index} of a list, or the field
     * itself when negative); {@code place} names where it stands (a field, or a subject's position)
     * so that the key found there last is tried first.
     */
    private int name(JsonParser p, JsonLines.LineContext line, String field, int index, int place) throws IOException {
        Fields.requireString(p, line, field, index);
        int hint = place < lastKeys.length ? lastKeys[place] : -1;
        int key = nameKeys.number(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), hint);
        if (place < lastKeys.length) {
            lastKeys[place] = key;
        }
        if (key == namesKnown) {
            if (key == nameIds.length) {
                nameIds = Arrays.copyOf(nameIds, key * 2);
            }
            int id = batch.names().id(p.getText());
            nameIds[namesKnown++] = id;
        }
        return nameIds[key];
    }

    private Category category(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        Fields.requireString(p, line, field, -1);
        int key = categoryKeys.number(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), lastCategory);
        lastCategory = key;
        if (key == categoriesKnown) {
            if (key == categories.length) {
                categories = Arrays.copyOf(categories, key * 2);
            }
            String name = p.getText();
            Category known = taxonomy.category(name).orElseThrow(() ->
                    line.error(UNKNOWN_CATEGORY, p, field, "unknown category '" + name + "'"));
            categories[categoriesKnown++] = known;
        }
        return categories[key];
    }

    private static int[] filled(int length, int value) {
        int[] array = new int[length];
        Arrays.fill(array, value);
        return array;
    }

    private Set<Transform> transforms(JsonParser p, JsonLines.LineContext line, List<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<Transform> known = transformSets.get(names);
        if (known != null) {
            return known;
        }
        Set<Transform> set = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            set.add(taxonomy.transform(name).orElseThrow(() ->
                    line.error(UNKNOWN_TRANSFORM, p, "transforms", "unknown transform '" + name + "'")));
        }
        return transformSets.computeIfAbsent(List.copyOf(names), n -> Set.copyOf(set));
    }
}
