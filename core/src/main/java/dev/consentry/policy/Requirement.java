package dev.consentry.policy;

import static java.util.Objects.requireNonNull;

import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.taxonomy.Transform;

/**
 * A condition an allow rule places on an item; its {@link #toString()} is the policy file's
 * spelling, {@code setting:KEY}, {@code notice:KIND} or {@code transform:NAME}.
 */
public sealed interface Requirement {
    /** KEY is on when the item was created and still on at decision time. */
    record Setting(SettingDefinition setting) implements Requirement {
        public Setting {
            requireNonNull(setting, "setting is null");
        }

        @Override
        public String toString() {
            return "setting:" + setting.key();
        }
    }

    /** Every subject acknowledged the notice in the item's meeting by its creation, and none objected by decision time. */
    record Notice(NoticeDefinition notice) implements Requirement {
        public Notice {
            requireNonNull(notice, "notice is null");
        }

        @Override
        public String toString() {
            return "notice:" + notice.kind();
        }
    }

    /** The item itself was made with this transform. */
    record Transformed(Transform transform) implements Requirement {
        public Transformed {
            requireNonNull(transform, "transform is null");
        }

        @Override
        public String toString() {
            return "transform:" + transform.name();
        }
    }
}
