package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.UNKNOWN_NOTICE;
import static dev.consentry.error.ErrorCode.UNKNOWN_SETTING;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the events format: JSON Lines, one event a line, each with a {@code type} and that type's
 * fields, all required except a setting's {@code locked} (absent means not locked). Setting keys
 * and notice kinds must be in the catalog. Events need not be in time order; the file's order
 * breaks ties between events at the same instant.
 */
public final class EventReader {
    private static final Map<String, List<String>> FIELDS = Map.of(
            "setting", List.of("type", "at", "actor", "role", "scope", "key", "value", "locked"),
            "membership", List.of("type", "at", "user", "account", "group"),
            "notice_ack", List.of("type", "at", "meeting", "user", "notice"),
            "objection", List.of("type", "at", "meeting", "user", "notice"),
            "erasure", List.of("type", "at", "item"));

    private final SettingsCatalog catalog;

    private EventReader(SettingsCatalog catalog) {
        this.catalog = catalog;
    }

    /** The events of a file, in file order, and the SHA-256 of its bytes. */
    public record EventFile(List<Event> events, String sha256) {
        /** The consent state these events describe. */
        public EventIndex index(SettingsCatalog catalog) {
            EventIndex.Builder builder = EventIndex.builder(catalog);
            events.forEach(builder::add);
            return builder.build();
        }
    }

    public static EventFile read(Path path, SettingsCatalog catalog) {
        JsonLines.Result<List<Event>> result = JsonLines.read(path, JsonLines.lists(() -> new EventReader(catalog)::parse));
        List<Event> events = new ArrayList<>(result.lines().length);
        result.blocks().forEach(events::addAll);
        return new EventFile(events, result.sha256());
    }

    private Event parse(JsonParser p, JsonLines.LineContext line) throws IOException {
        String type = null;
        Instant at = null;
        String actor = null;
        String role = null;
        Scope scope = null;
        SettingDefinition key = null;
        Boolean value = null;
        boolean locked = false;
        String user = null;
        String account = null;
        String group = null;
        String meeting = null;
        NoticeDefinition notice = null;
        String item = null;
        List<String> seen = new ArrayList<>(8);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (seen.contains(field)) {
                throw Fields.duplicate(p, line, field);
            }
            switch (field) {
                case "type" -> {
                    type = Fields.string(p, line, field);
                    if (!FIELDS.containsKey(type)) {
                        throw line.error(BAD_VALUE, p, field, "unknown event type '" + type + "' (expected one of "
                                + FIELDS.keySet().stream().sorted().toList() + ")");
                    }
                }
                case "at" -> at = Fields.timestamp(p, line, field);
                case "value" -> value = Fields.bool(p, line, field);
                case "locked" -> locked = Fields.bool(p, line, field);
                case "scope" -> {
                    String text = Fields.string(p, line, field);
                    scope = Scope.parse(text).orElseThrow(() -> line.error(BAD_VALUE, p, field,
                            "'" + text + "' is not a scope: account:A, group:A/G or user:A/U"));
                }
                case "key" -> {
                    String name = Fields.string(p, line, field);
                    key = catalog.setting(name).orElseThrow(() -> line.error(UNKNOWN_SETTING, p, field,
                            "unknown setting '" + name + "'"));
                }
                case "notice" -> {
                    String kind = Fields.string(p, line, field);
                    notice = catalog.notice(kind).orElseThrow(() -> line.error(UNKNOWN_NOTICE, p, field,
                            "unknown notice kind '" + kind + "'"));
                }
                case "actor" -> actor = Fields.string(p, line, field);
                case "role" -> role = Fields.string(p, line, field);
                case "user" -> user = Fields.string(p, line, field);
                case "account" -> account = Fields.string(p, line, field);
                case "group" -> group = Fields.string(p, line, field);
                case "meeting" -> meeting = Fields.string(p, line, field);
                case "item" -> item = Fields.string(p, line, field);
                default -> throw Fields.unknown(p, line, field, FIELDS.values().stream().flatMap(List::stream)
                        .distinct().sorted().toList());
            }
            seen.add(field);
        }
        if (type == null) {
            throw Fields.missing(line, "type");
        }
        List<String> fields = FIELDS.get(type);
        for (String field : seen) {
            if (!fields.contains(field)) {
                throw new dev.consentry.error.ConsentryException(dev.consentry.error.ErrorCode.UNKNOWN_FIELD,
                        dev.consentry.error.SourceLocation.of(line.file(), line.line(), 0, field),
                        "a " + type + " event has no field '" + field + "' (expected " + fields + ")");
            }
        }
        for (String field : fields) {
            if (!seen.contains(field) && !field.equals("locked")) {
                throw Fields.missing(line, field);
            }
        }
        return switch (type) {
            case "setting" -> new Event.SettingChange(at, actor, role, scope, key, value, locked);
            case "membership" -> new Event.Membership(at, account, user, group);
            case "notice_ack" -> new Event.NoticeAck(at, meeting, user, notice);
            case "objection" -> new Event.Objection(at, meeting, user, notice);
            case "erasure" -> new Event.Erasure(at, item);
            default -> throw new AssertionError(type);
        };
    }
}
