package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One setting of the catalog: its key, its default, and the settings it requires (a feature's
 * "share data for training" switch counts only while the feature itself is on).
 */
public record SettingDefinition(String key, int index, boolean defaultValue, List<String> requires) {
    public SettingDefinition {
        requireNonNull(key, "key is null");
        requires = List.copyOf(requires);
        if (index < 0) {
            throw new IllegalArgumentException("index is negative");
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
