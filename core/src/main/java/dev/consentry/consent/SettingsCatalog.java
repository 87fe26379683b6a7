package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings and notice kinds a platform has. Every setting a setting requires is in the
 * catalog, and requirements have no cycle, so "is KEY on" always terminates.
 */
public final class SettingsCatalog {
    private final List<SettingDefinition> settings;
    private final Map<String, SettingDefinition> settingsByKey;
    private final int[][] requiredIndexes;
    private final List<NoticeDefinition> notices;
    private final Map<String, NoticeDefinition> noticesByKind;

    private SettingsCatalog(List<SettingDefinition> settings, List<NoticeDefinition> notices) {
        this.settings = List.copyOf(settings);
        this.notices = List.copyOf(notices);
        this.settingsByKey = new HashMap<>();
        for (SettingDefinition s : settings) {
            if (settingsByKey.put(s.key(), s) != null) {
                throw new IllegalArgumentException("setting '" + s.key() + "' is defined twice");
            }
        }
        this.noticesByKind = new HashMap<>();
        for (NoticeDefinition n : notices) {
            if (noticesByKind.put(n.kind(), n) != null) {
                throw new IllegalArgumentException("notice kind '" + n.kind() + "' is defined twice");
            }
        }
        this.requiredIndexes = new int[settings.size()][];
        for (SettingDefinition s : settings) {
            requiredIndexes[s.index()] = s.requires().stream().mapToInt(key -> {
                SettingDefinition required = settingsByKey.get(key);
                if (required == null) {
                    throw new IllegalArgumentException("setting '" + s.key() + "' requires unknown setting '" + key + "'");
                }
                return required.index();
            }).toArray();
        }
        for (SettingDefinition s : settings) {
            requireAcyclic(s.index(), new boolean[settings.size()]);
        }
    }

    private void requireAcyclic(int index, boolean[] onPath) {
        if (onPath[index]) {
            throw new IllegalArgumentException("settings requirements form a cycle through '" + settings.get(index).key() + "'");
        }
        onPath[index] = true;
        for (int required : requiredIndexes[index]) {
            requireAcyclic(required, onPath);
        }
        onPath[index] = false;
    }

    public Optional<SettingDefinition> setting(String key) {
        return Optional.ofNullable(settingsByKey.get(key));
    }

    public Optional<NoticeDefinition> notice(String kind) {
        return Optional.ofNullable(noticesByKind.get(kind));
    }

    public List<SettingDefinition> settings() {
        return settings;
    }

    public List<NoticeDefinition> notices() {
        return notices;
    }

    /** Indexes of the settings that {@code setting} requires directly. */
    int[] requiredIndexes(int setting) {
        return requiredIndexes[setting];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The built-in catalog of SPEC.md: two AI features, each with its training switch, and the AI notice. */
    public static SettingsCatalog defaults() {
        return Defaults.INSTANCE;
    }

    private static final class Defaults {
        static final SettingsCatalog INSTANCE = builder()
                .setting("ai.meeting_summary.enabled", false, List.of())
                .setting("ai.meeting_summary.share_for_training", false, List.of("ai.meeting_summary.enabled"))
                .setting("ai.chat_compose.enabled", false, List.of())
                .setting("ai.chat_compose.share_for_training", false, List.of("ai.chat_compose.enabled"))
                .notice("ai_processing", "AI is processing this meeting to produce a summary.")
                .build();
    }

    public static final class Builder {
        private final Map<String, SettingDefinition> settings = new LinkedHashMap<>();
        private final List<NoticeDefinition> notices = new ArrayList<>();

        private Builder() {}

        public Builder setting(String key, boolean defaultValue, List<String> requires) {
            requireNonNull(key, "key is null");
            if (settings.containsKey(key)) {
                throw new IllegalArgumentException("setting '" + key + "' is defined twice");
            }
            settings.put(key, new SettingDefinition(key, settings.size(), defaultValue, requires));
            return this;
        }

        public Builder notice(String kind, String text) {
            notices.add(new NoticeDefinition(kind, notices.size(), text));
            return this;
        }

        public SettingsCatalog build() {
            return new SettingsCatalog(new ArrayList<>(settings.values()), notices);
        }
    }
}
