package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.BAD_VALUE;
import static dev.consentry.error.ErrorCode.UNKNOWN_NOTICE;
import static dev.consentry.error.ErrorCode.UNKNOWN_SETTING;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.consentry.consent.Event;
import dev.consentry.consent.EventIndex;
import dev.consentry.consent.EventLog;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.decision.Names;
import dev.consentry.time.Instants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the events format: JSON Lines, one event a line, each with a {@code type} and that type's
 * fields, all required except a setting's {@code locked} (absent means not locked). Setting keys
 * and notice kinds must be in the catalog. Events need not be in time order; the file's order
 * breaks ties between events at the same instant.
 *
 * <p>As with items, a line in the plain form (see {@link PlainJson}) is read straight from its
 * bytes and any other line through Jackson, which names the error in a bad one. The strings of a
 * block (meetings, users, notice kinds) repeat from line to line and are made once per block.
 */
public final class EventReader implements JsonLines.Block<EventLog> {
    private static final Map<String, List<String>> FIELDS = Map.of(
            "setting", List.of("type", "at", "actor", "role", "scope", "key", "value", "locked"),
            "membership", List.of("type", "at", "user", "account", "group"),
            "notice_ack", List.of("type", "at", "meeting", "user", "notice"),
            "objection", List.of("type", "at", "meeting", "user", "notice"),
            "erasure", List.of("type", "at", "item"));
    /** Every field of every type; a plain line's fields are numbered by their place here. */
    private static final List<String> ALL_FIELDS = List.of("type", "at", "actor", "role", "scope", "key", "value", "locked",
            "user", "account", "group", "meeting", "notice", "item");
    private static final int TYPE = 0;
    private static final int AT = 1;
    private static final int ACTOR = 2;
    private static final int ROLE = 3;
    private static final int SCOPE = 4;
    private static final int KEY = 5;
    private static final int VALUE = 6;
    private static final int LOCKED = 7;
    private static final int USER = 8;
    private static final int ACCOUNT = 9;
    private static final int GROUP = 10;
    private static final int MEETING = 11;
    private static final int NOTICE = 12;
    private static final int ITEM = 13;
    /** The fields each type has, as bits of {@link #ALL_FIELDS}; a setting's {@code locked} is optional. */
    private static final Map<String, Integer> FIELD_BITS = Map.of(
            "setting", bits(TYPE, AT, ACTOR, ROLE, SCOPE, KEY, VALUE, LOCKED),
            "membership", bits(TYPE, AT, USER, ACCOUNT, GROUP),
            "notice_ack", bits(TYPE, AT, MEETING, USER, NOTICE),
            "objection", bits(TYPE, AT, MEETING, USER, NOTICE),
            "erasure", bits(TYPE, AT, ITEM));

    /** The fields that name what items name too: accounts, users, meetings. */
    private static final int NAME_FIELDS = bits(USER, ACCOUNT, MEETING);

    private final SettingsCatalog catalog;
    private final Names names;
    private EventLog log;
    private final PlainJson plain = new PlainJson();
    private final ByteKeys stringKeys = new ByteKeys();
    private String[] strings = new String[256];
    /** Whether string k is the one {@link #names} holds. */
    private boolean[] inNames = new boolean[256];
    private int stringsKnown;
    /** A plain line's string fields, by their place in {@link #ALL_FIELDS}; its time is {@code buf[atStart .. atEnd)}. */
    private final String[] values = new String[ALL_FIELDS.size()];
    private int atStart;
    private int atEnd;
    private final PlainFields fields = new PlainFields(ALL_FIELDS);
    /** The key each field's string had last (-1 for none), tried first: the events of a meeting come together. */
    private final int[] lastKeys = new int[ALL_FIELDS.size()];
    private final Timestamps.Reader times = new Timestamps.Reader();

    private EventReader(SettingsCatalog catalog, Names names) {
        this.catalog = catalog;
        this.names = names;
    }

    /** Forgets the last block's strings too, so their table stays the size of one block's and in cache. */
    @Override
    public void start(int expectedEvents) {
        log = new EventLog(expectedEvents);
        stringKeys.clear();
        stringsKnown = 0;
        Arrays.fill(lastKeys, -1);
    }

    private static int bits(int... fields) {
        int bits = 0;
        for (int field : fields) {
            bits |= 1 << field;
        }
        return bits;
    }

    /** The events of a file in logs of consecutive events, in file order, and the SHA-256 of its bytes. */
    public record EventFile(List<EventLog> logs, String sha256) {
        /** The events, in file order, made anew where they are notices (a log holds those as columns). */
        public List<Event> events() {
            return logs.stream().flatMap(log -> log.events().stream()).toList();
        }

        /** The consent state these events describe. */
        public EventIndex index(SettingsCatalog catalog) {
            EventIndex.Builder builder = EventIndex.builder(catalog);
            logs.forEach(builder::add);
            return builder.build();
        }
    }

    public static EventFile read(Path path, SettingsCatalog catalog) {
        return read(path, catalog, new Names());
    }

    /**
     * Reads a file whose events name their accounts, users and meetings with the strings
     * {@code names} holds, adding those it lacks: a gate reads its items with the same names, so
     * a question about a participant's consent compares one reference, not two strings'
     * characters (about a seventh of a consent-checked decision, measured).
     */
    public static EventFile read(Path path, SettingsCatalog catalog, Names names) {
        JsonLines.Result<EventLog> result = JsonLines.read(path, () -> new EventReader(catalog, names));
        return new EventFile(result.blocks(), result.sha256());
    }

    @Override
    public void line(JsonParser p, JsonLines.LineContext line) throws IOException {
        log.add(parse(p, line));
    }

    @Override
    public EventLog result() {
        return log;
    }

    @Override
    public int plainLine(byte[] buf, int from, int limit) {
        PlainJson in = plain.reset(buf, from, limit);
        fields.startLine();
        boolean value = false;
        boolean locked = false;
        if (!in.next('{')) {
            return NOT_PLAIN;
        }
        do {
            int field = fields.key(in);
            if (field < 0) {
                return NOT_PLAIN;
            }
            if (field == VALUE || field == LOCKED) {
                boolean isTrue = in.trueLiteral();
                if (!isTrue && !in.falseLiteral()) {
                    return NOT_PLAIN;
                }
                if (field == VALUE) {
                    value = isTrue;
                } else {
                    locked = isTrue;
                }
            } else if (field == AT) {
                if (!in.string()) {
                    return NOT_PLAIN;
                }
                atStart = in.start;
                atEnd = in.end;
            } else {
                int hint = lastKeys[field];
                int key;
                if (stringKeys.next(in, hint)) {
                    key = hint;
                } else if (in.string()) {
                    key = stringKeys.number(in.bytes(), in.start, in.end - in.start, hint);
                    lastKeys[field] = key;
                } else {
                    return NOT_PLAIN;
                }
                values[field] = string(key, in, (NAME_FIELDS & 1 << field) != 0);
            }
        } while (in.next(','));
        int seen = fields.seen();
        if (!in.next('}') || (seen & 1 << TYPE) == 0) {
            return NOT_PLAIN;
        }
        Integer allowed = FIELD_BITS.get(values[TYPE]);
        int required = allowed == null ? 0 : allowed & ~(1 << LOCKED);
        if (allowed == null || (seen & ~allowed) != 0 || (seen & required) != required) {
            return NOT_PLAIN;
        }
        int end = in.lineEnd();
        return end != NOT_PLAIN && plainEvent(values[TYPE], buf, value, locked) ? end : NOT_PLAIN;
    }

    /**
     * Adds the event a plain line's fields make; false, having added nothing, if one of them is
     * invalid. A notice goes into the log's columns without an event made of it.
     */
    private boolean plainEvent(String type, byte[] buf, boolean value, boolean locked) {
        long at = times.utcNanos(buf, atStart, atEnd - atStart);
        if (at == Timestamps.NOT_UTC_FORM) {
            return false;
        }
        if (type.equals("notice_ack") || type.equals("objection")) {
            Optional<NoticeDefinition> notice = catalog.notice(values[NOTICE]);
            notice.ifPresent(n -> log.addNotice(type.equals("objection"), at, values[MEETING], values[USER], n));
            return notice.isPresent();
        }
        Event event = switch (type) {
            case "setting" -> {
                Optional<Scope> scope = Scope.parse(values[SCOPE]);
                Optional<SettingDefinition> key = catalog.setting(values[KEY]);
                yield scope.isEmpty() || key.isEmpty() ? null : new Event.SettingChange(Instants.instant(at),
                        values[ACTOR], values[ROLE], scope.get(), key.get(), value, locked);
            }
            case "membership" -> new Event.Membership(Instants.instant(at), values[ACCOUNT], values[USER], values[GROUP]);
            case "erasure" -> new Event.Erasure(Instants.instant(at), values[ITEM]);
            default -> null;
        };
        if (event == null) {
            return false;
        }
        log.add(event);
        return true;
    }


    /**
     * The string of key {@code key}, which {@code in} has just read, made once per block; for a
     * name, the one {@link #names} holds.
     */
    private String string(int key, PlainJson in, boolean name) {
        if (key == stringsKnown) {
            if (key == strings.length) {
                strings = Arrays.copyOf(strings, key * 2);
                inNames = Arrays.copyOf(inNames, key * 2);
            }
            strings[stringsKnown++] = new String(in.bytes(), in.start, in.end - in.start, StandardCharsets.ISO_8859_1);
        }
        if (name && !inNames[key]) {
            strings[key] = shared(strings[key]);
            inNames[key] = true;
        }
        return strings[key];
    }

    private String shared(String name) {
        return names.name(names.id(name));
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
                    scope = Scope.parse(text).orElseThrow(() -> line.error(BAD_VALUE, p, field, "'" + text
                            + "' is not a scope: account:A, group:A/G or user:A/U, each name non-empty, without '/'"
                            + " and not beginning or ending with a space"));
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
            case "membership" -> new Event.Membership(at, shared(account), shared(user), group);
            case "notice_ack" -> new Event.NoticeAck(at, shared(meeting), shared(user), notice);
            case "objection" -> new Event.Objection(at, shared(meeting), shared(user), notice);
            case "erasure" -> new Event.Erasure(at, item);
            default -> throw new AssertionError(type);
        };
    }
}
