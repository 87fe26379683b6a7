package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.DUPLICATE_ID;
import static dev.consentry.error.ErrorCode.UNKNOWN_CATEGORY;
import static dev.consentry.error.ErrorCode.UNKNOWN_TRANSFORM;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.consentry.decision.ItemBatch;
import dev.consentry.decision.ItemGraph;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.item.Item;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.taxonomy.Transform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads the items format: JSON Lines, one item a line, every field checked, into the columns of
 * {@link ItemBatch}es, one per block of lines. Account, user and meeting names, subject lists and
 * transform sets repeat across millions of items, so each block interns them in tables of its own
 * (no locking; a name costs one object per block, not one per item), and consecutive items of
 * one meeting share one subject list.
 */
public final class ItemReader implements JsonLines.Block<ItemBatch> {
    static final List<String> FIELDS = List.of("id", "account", "user", "meeting", "category", "created", "subjects",
            "parents", "transforms");

    private final Taxonomy taxonomy;
    private final ItemBatch batch;
    private final HashMap<String, Optional<String>> names = new HashMap<>();
    private final HashMap<List<String>, Set<Transform>> transformSets = new HashMap<>();
    private List<String> lastSubjects = List.of();
    private final HashMap<String, Instant> createdTimes = new HashMap<>();

    private ItemReader(Taxonomy taxonomy, int expectedItems) {
        this.taxonomy = taxonomy;
        this.batch = new ItemBatch(expectedItems);
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
        JsonLines.Result<ItemBatch> result = JsonLines.read(path, lines -> new ItemReader(taxonomy, lines));
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
        ItemReader reader = new ItemReader(taxonomy, 1);
        JsonLines.LineContext line = new JsonLines.LineContext(source, 1);
        try (JsonParser parser = JsonLines.JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw line.error(dev.consentry.error.ErrorCode.MALFORMED_SYNTAX, parser, null, "expected a JSON object");
            }
            Item item = reader.parse(parser, line);
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

    private Item parse(JsonParser p, JsonLines.LineContext line) throws IOException {
        String id = null;
        String account = null;
        Optional<String> user = Optional.empty();
        Optional<String> meeting = Optional.empty();
        Category category = null;
        Instant created = null;
        List<String> subjects = List.of();
        List<String> parents = List.of();
        Set<Transform> transforms = Set.of();
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            int bit = FIELDS.indexOf(field);
            p.nextToken();
            if (bit < 0) {
                throw Fields.unknown(p, line, field, FIELDS);
            }
            if ((seen & (1 << bit)) != 0) {
                throw Fields.duplicate(p, line, field);
            }
            seen |= 1 << bit;
            boolean absent = p.currentToken() == JsonToken.VALUE_NULL;
            switch (field) {
                case "id" -> id = Fields.string(p, line, field);
                case "account" -> account = name(Fields.string(p, line, field)).get();
                case "user" -> user = absent ? Optional.empty() : name(Fields.string(p, line, field));
                case "meeting" -> meeting = absent ? Optional.empty() : name(Fields.string(p, line, field));
                case "category" -> {
                    String name = Fields.string(p, line, field);
                    category = taxonomy.category(name).orElseThrow(() ->
                            line.error(UNKNOWN_CATEGORY, p, field, "unknown category '" + name + "'"));
                }
                case "created" -> created = created(p, line, field);
                case "subjects" -> subjects = absent ? List.of() : intern(Fields.strings(p, line, field));
                case "parents" -> parents = absent ? List.of() : Fields.strings(p, line, field);
                case "transforms" -> transforms = absent ? Set.of() : transforms(p, line, Fields.strings(p, line, field));
                default -> throw new AssertionError(field);
            }
        }
        if (id == null) {
            throw Fields.missing(line, "id");
        }
        if (account == null) {
            throw Fields.missing(line, "account");
        }
        if (category == null) {
            throw Fields.missing(line, "category");
        }
        if (created == null) {
            throw Fields.missing(line, "created");
        }
        return new Item(id, account, user, meeting, category, created, subjects, parents, transforms);
    }

    private Optional<String> name(String s) {
        return names.computeIfAbsent(s, Optional::of);
    }

    private List<String> intern(List<String> list) {
        if (list.equals(lastSubjects)) {
            return lastSubjects;
        }
        String[] canonical = new String[list.size()];
        for (int i = 0; i < canonical.length; i++) {
            canonical[i] = name(list.get(i)).get();
        }
        lastSubjects = List.of(canonical);
        return lastSubjects;
    }

    /**
     * Items of a meeting share creation times, so each block parses a time once and keeps one
     * {@link Instant} for it: a lookup is cheaper than parsing, and at ten million items the
     * shared objects save over 100 MB of heap.
     */
    private Instant created(JsonParser p, JsonLines.LineContext line, String field) throws IOException {
        Instant known = p.currentToken() == JsonToken.VALUE_STRING ? createdTimes.get(p.getText()) : null;
        if (known != null) {
            return known;
        }
        Instant parsed = Fields.timestamp(p, line, field);
        createdTimes.put(p.getText(), parsed);
        return parsed;
    }

    private Set<Transform> transforms(JsonParser p, JsonLines.LineContext line, List<String> names) {
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
