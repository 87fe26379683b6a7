package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.MISSING_FIELD;
import static dev.consentry.error.ErrorCode.UNKNOWN_FIELD;
import static dev.consentry.error.ErrorCode.WRONG_TYPE;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed YAML or JSON value that remembers where it came from (file, line, column, and the
 * field path that led to it), so every validation error can name all four. Readers navigate it
 * with methods that fail with a located, coded error instead of returning null.
 */
final class Node {
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    private final Kind kind;
    private final SourceLocation location;
    private final Object value;

    private Node(Kind kind, SourceLocation location, Object value) {
        this.kind = kind;
        this.location = location;
        this.value = value;
    }

    static Node object(SourceLocation location, Map<String, Node> fields) {
        return new Node(Kind.OBJECT, location, Collections.unmodifiableMap(fields));
    }

    static Node array(SourceLocation location, List<Node> elements) {
        return new Node(Kind.ARRAY, location, List.copyOf(elements));
    }

    static Node scalar(Kind kind, SourceLocation location, Object value) {
        return new Node(kind, location, value);
    }

    Kind kind() {
        return kind;
    }

    SourceLocation location() {
        return location;
    }

    String field() {
        return location.field().orElse("(document)");
    }

    ConsentryException error(dev.consentry.error.ErrorCode code, String detail) {
        return new ConsentryException(code, location, detail);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Node> fields() {
        if (kind != Kind.OBJECT) {
            throw error(WRONG_TYPE, "expected a mapping, found " + describe());
        }
        return (Map<String, Node>) value;
    }

    /** Rejects any key not in {@code allowed}, naming the first unknown one. */
    Node onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, Node> e : fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error(UNKNOWN_FIELD, "unknown key '" + e.getKey() + "' (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
        return this;
    }

    Node required(String key) {
        Node n = fields().get(key);
        if (n == null) {
            throw error(MISSING_FIELD, "missing required key '" + key + "'");
        }
        return n;
    }

    Optional<Node> optional(String key) {
        return Optional.ofNullable(fields().get(key)).filter(n -> n.kind != Kind.NULL);
    }

    List<Node> elements() {
        if (kind != Kind.ARRAY) {
            throw error(WRONG_TYPE, "expected a list, found " + describe());
        }
        @SuppressWarnings("unchecked")
        List<Node> list = (List<Node>) value;
        return list;
    }

    String text() {
        if (kind != Kind.STRING) {
            throw error(WRONG_TYPE, "expected a string, found " + describe());
        }
        String s = (String) value;
        if (s.isEmpty()) {
            throw error(dev.consentry.error.ErrorCode.BAD_VALUE, "must not be empty");
        }
        return s;
    }

    /** A string, or the literal text of a number (YAML reads {@code version: 3} as a number). */
    String scalarText() {
        return kind == Kind.NUMBER ? value.toString() : text();
    }

    boolean bool() {
        if (kind != Kind.BOOLEAN) {
            throw error(WRONG_TYPE, "expected true or false, found " + describe());
        }
        return (Boolean) value;
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Node n : elements()) {
            out.add(n.text());
        }
        return out;
    }

    private String describe() {
        return switch (kind) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            // YAML reads a key with nothing after it as an empty string.
            case STRING -> ((String) value).isEmpty() ? "no value" : "the string '" + value + "'";
            case NUMBER -> "the number " + value;
            case BOOLEAN -> value.toString();
            case NULL -> "null";
        };
    }
}
