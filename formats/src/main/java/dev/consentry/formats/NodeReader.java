package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.MALFORMED_SYNTAX;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads one YAML document into a {@link Node} tree, recording each value's line, column and field path. */
final class NodeReader {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private NodeReader() {}

    static Node readYaml(String file, byte[] content) {
        return read(YAML, file, content);
    }

    private static Node read(JsonFactory factory, String file, byte[] content) {
        int malformed = Utf8.firstMalformed(content, 0, content.length);
        if (malformed >= 0) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < malformed; i++) {
                if (content[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ConsentryException(MALFORMED_SYNTAX, SourceLocation.of(file, line, malformed - lineStart + 1, null),
                    Utf8.describe(content, malformed, content.length));
        }
        try (JsonParser parser = factory.createParser(content)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return Node.object(SourceLocation.of(file, 1, 1, null), new LinkedHashMap<>());
                }
                Node root = value(parser, file, null);
                if (parser.nextToken() != null) {
                    throw located(file, parser.currentTokenLocation(), null, "more than one document in the file");
                }
                return root;
            } catch (JsonProcessingException e) {
                // Limits such as the nesting depth are reported without a location; the parser still knows where it is.
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new ConsentryException(MALFORMED_SYNTAX,
                        Optional.of(SourceLocation.of(file, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()), null)),
                        oneLine(e.getOriginalMessage()), e);
            }
        } catch (IOException e) {
            throw new ConsentryException(MALFORMED_SYNTAX, Optional.of(SourceLocation.file(file)),
                    "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The parser's message on one line, as every error is: SnakeYAML gives its context and its
     * problem on lines of their own, each followed by indented lines of the place, the text and a
     * caret, which the error's location already says.
     */
    static String oneLine(String message) {
        String said = message.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining(": "));
        return said.isEmpty() ? message.strip().replaceAll("\\s+", " ") : said;
    }

    private static Node value(JsonParser p, String file, String path) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        SourceLocation location = SourceLocation.of(file, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()), path);
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    fields.put(key, value(p, file, path == null ? key : path + "." + key));
                }
                return Node.object(location, fields);
            }
            case START_ARRAY -> {
                List<Node> elements = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(value(p, file, (path == null ? "" : path) + "[" + elements.size() + "]"));
                }
                return Node.array(location, elements);
            }
            case VALUE_STRING -> {
                return Node.scalar(Node.Kind.STRING, location, p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return Node.scalar(Node.Kind.NUMBER, location, p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return Node.scalar(Node.Kind.BOOLEAN, location, token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return Node.scalar(Node.Kind.NULL, location, null);
            }
            default -> throw located(file, at, path, "unexpected " + token);
        }
    }

    private static ConsentryException located(String file, JsonLocation at, String path, String detail) {
        return new ConsentryException(MALFORMED_SYNTAX,
                SourceLocation.of(file, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()), path), detail);
    }
}
