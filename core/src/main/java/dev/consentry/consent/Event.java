package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One entry of the consent history. Events are facts with a time; the state at τ is the result
 * of every event with {@code at ≤ τ}, and among events of one scope and key at the same instant
 * the later one recorded wins.
 */
public sealed interface Event {
    Instant at();

    /** The stable name of the event type, as in the events file's {@code type} field. */
    String type();

    record SettingChange(Instant at, String actor, String role, Scope scope, SettingDefinition setting,
            boolean value, boolean locked) implements Event {
        public SettingChange {
            requireNonNull(at, "at is null");
            requireNonNull(actor, "actor is null");
            requireNonNull(role, "role is null");
            requireNonNull(scope, "scope is null");
            requireNonNull(setting, "setting is null");
        }

        @Override
        public String type() {
            return "setting";
        }
    }

    /** User {@code user} belongs to group {@code group} of {@code account} from {@code at} on. */
    record Membership(Instant at, String account, String user, String group) implements Event {
        public Membership {
            requireNonNull(at, "at is null");
            requireNonNull(account, "account is null");
            requireNonNull(user, "user is null");
            requireNonNull(group, "group is null");
        }

        @Override
        public String type() {
            return "membership";
        }
    }

    record NoticeAck(Instant at, String meeting, String user, NoticeDefinition notice) implements Event {
        public NoticeAck {
            requireNonNull(at, "at is null");
            requireNonNull(meeting, "meeting is null");
            requireNonNull(user, "user is null");
            requireNonNull(notice, "notice is null");
        }

        @Override
        public String type() {
            return "notice_ack";
        }
    }

    record Objection(Instant at, String meeting, String user, NoticeDefinition notice) implements Event {
        public Objection {
            requireNonNull(at, "at is null");
            requireNonNull(meeting, "meeting is null");
            requireNonNull(user, "user is null");
            requireNonNull(notice, "notice is null");
        }

        @Override
        public String type() {
            return "objection";
        }
    }

    record Erasure(Instant at, String item) implements Event {
        public Erasure {
            requireNonNull(at, "at is null");
            requireNonNull(item, "item is null");
        }

        @Override
        public String type() {
            return "erasure";
        }
    }
}
