package dev.consentry.consent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The settings and notice kinds a platform has. Every setting a setting requires is in the
 * catalog, and requirements have no cycle, so "is KEY on" always terminates.
 *
 * <p>Requirements are walked without recursion and each setting at most once per walk: a
 * catalog read from a file may chain thousands of settings, or have each of fifty settings
 * require the two after it, and following every path, as a recursive walk did, took longer than
 * a minute for those fifty (measured).
 */
public final class SettingsCatalog {
    private final List<SettingDefinition> settings;
    private final Map<String, SettingDefinition> settingsByKey;
    private final int[][] requiredIndexes;
    /** Each setting's prerequisites, worked out when first asked for. */
    private final AtomicReferenceArray<int[]> prerequisites;
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
        requireAcyclic();
        this.prerequisites = new AtomicReferenceArray<>(settings.size());
    }

    /**
     * Depth first from each setting in catalog order, following requirements in their order, with
     * the path on an explicit stack; a setting is finished once. Names the first setting found
     * again on its own path.
     */
    private void requireAcyclic() {
        int n = settings.size();
        byte[] state = new byte[n];
        final byte onPath = 1;
        final byte finished = 2;
        int[] path = new int[n];
        int[] nextEdge = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            int depth = 0;
            path[0] = root;
            nextEdge[0] = 0;
            state[root] = onPath;
            while (depth >= 0) {
                int setting = path[depth];
                if (nextEdge[depth] == requiredIndexes[setting].length) {
                    state[setting] = finished;
                    depth--;
                    continue;
                }
                int required = requiredIndexes[setting][nextEdge[depth]++];
                if (state[required] == onPath) {
                    throw new IllegalArgumentException(
                            "settings requirements form a cycle through '" + settings.get(required).key() + "'");
                }
                if (state[required] == 0) {
                    state[required] = onPath;
                    path[++depth] = required;
                    nextEdge[depth] = 0;
                }
            }
        }
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

    /**
     * The index of {@code setting} and of every setting it requires, directly or through another,
     * each once: a setting is on exactly when all of these are on by themselves.
     */
    int[] prerequisites(int setting) {
        int[] known = prerequisites.get(setting);
        if (known == null) {
            known = walkPrerequisites(setting);
            prerequisites.set(setting, known);
        }
        return known;
    }

    private int[] walkPrerequisites(int setting) {
        boolean[] seen = new boolean[settings.size()];
        int[] found = new int[settings.size()];
        int count = 0;
        seen[setting] = true;
        found[count++] = setting;
        for (int next = 0; next < count; next++) {
            for (int required : requiredIndexes[found[next]]) {
                if (!seen[required]) {
                    seen[required] = true;
                    found[count++] = required;
                }
            }
        }
        return Arrays.copyOf(found, count);
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
