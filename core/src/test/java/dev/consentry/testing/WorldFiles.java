package dev.consentry.testing;

import dev.consentry.consent.Event;
import dev.consentry.consent.NoticeDefinition;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import dev.consentry.item.Item;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Taxonomy;
import dev.consentry.taxonomy.Term;
import dev.consentry.taxonomy.Transform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link World} in the public formats of SPEC.md (items and events as JSON Lines, a
 * policy directory of YAML files with {@code taxonomy.yaml} and {@code settings.yaml}), so the
 * same world can be decided in memory and through the readers, the gate and the command line.
 */
public final class WorldFiles {
    private WorldFiles() {}

    /** The files of a world under {@code dir}: {@code items.jsonl}, {@code events.jsonl} and {@code policy/}. */
    public record Paths(Path items, Path events, Path policy) {}

    public static Paths write(World world, Path dir) {
        try {
            Path policy = Files.createDirectories(dir.resolve("policy"));
            Files.writeString(policy.resolve("taxonomy.yaml"), taxonomyYaml(world.taxonomy()));
            Files.writeString(policy.resolve("settings.yaml"), settingsYaml(world.catalog()));
            for (PolicyVersion v : world.versions()) {
                Files.writeString(policy.resolve(v.version() + ".yaml"), policyYaml(v));
            }
            Path items = dir.resolve("items.jsonl");
            Files.write(items, world.items().stream().map(WorldFiles::itemJson).toList(), StandardCharsets.UTF_8);
            Path events = dir.resolve("events.jsonl");
            Files.write(events, world.events().stream().map(WorldFiles::eventJson).toList(), StandardCharsets.UTF_8);
            return new Paths(items, events, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String taxonomyYaml(Taxonomy taxonomy) {
        StringBuilder s = new StringBuilder("categories:\n");
        for (Category c : taxonomy.categories()) {
            s.append("  - name: ").append(c.name()).append('\n');
            c.fideslang().ifPresent(f -> s.append("    fideslang: ").append(f).append('\n'));
        }
        s.append("purposes:\n");
        taxonomy.purposes().forEach(p -> s.append("  - name: ").append(p.name()).append('\n'));
        s.append("transforms: [").append(taxonomy.transforms().stream().map(Transform::name)
                .collect(Collectors.joining(", "))).append("]\n");
        return s.toString();
    }

    public static String settingsYaml(SettingsCatalog catalog) {
        StringBuilder s = new StringBuilder("settings:\n");
        for (SettingDefinition d : catalog.settings()) {
            s.append("  - key: ").append(d.key()).append('\n');
            s.append("    default: ").append(d.defaultValue()).append('\n');
            if (!d.requires().isEmpty()) {
                s.append("    requires: [").append(String.join(", ", d.requires())).append("]\n");
            }
        }
        s.append("notices:\n");
        for (NoticeDefinition n : catalog.notices()) {
            s.append("  - kind: ").append(n.kind()).append('\n');
            s.append("    text: ").append(quote(n.text())).append('\n');
        }
        return s.toString();
    }

    public static String policyYaml(PolicyVersion v) {
        StringBuilder s = new StringBuilder();
        s.append("policy: ").append(v.family()).append('\n');
        s.append("version: ").append(quote(v.version())).append('\n');
        s.append("effective: ").append(quote(v.effective().toString())).append('\n');
        s.append("default: ").append(v.defaultEffect().word()).append('\n');
        s.append("rules:").append(v.rules().isEmpty() ? " []\n" : "\n");
        for (Rule r : v.rules()) {
            s.append("  - id: ").append(r.id()).append('\n');
            s.append("    effect: ").append(r.effect().word()).append('\n');
            s.append("    categories: ").append(names(r.categories())).append('\n');
            s.append("    purposes: ").append(names(r.purposes())).append('\n');
            if (!r.requires().isEmpty()) {
                s.append("    requires: [").append(r.requires().stream().map(q -> quote(q.toString()))
                        .collect(Collectors.joining(", "))).append("]\n");
            }
            r.text().ifPresent(t -> s.append("    text: ").append(quote(t)).append('\n'));
        }
        s.append("declassify:").append(v.declassify().isEmpty() ? " []\n" : "\n");
        for (Declassification d : v.declassify()) {
            s.append("  - id: ").append(d.id()).append('\n');
            s.append("    from: ").append(names(d.from())).append('\n');
            s.append("    transform: ").append(d.transform().name()).append('\n');
        }
        return s.toString();
    }

    public static String itemJson(Item i) {
        StringBuilder s = new StringBuilder("{");
        s.append("\"id\":").append(quote(i.id()));
        s.append(",\"account\":").append(quote(i.account()));
        i.user().ifPresent(u -> s.append(",\"user\":").append(quote(u)));
        i.meeting().ifPresent(m -> s.append(",\"meeting\":").append(quote(m)));
        s.append(",\"category\":").append(quote(i.category().name()));
        s.append(",\"created\":").append(quote(i.created().toString()));
        s.append(",\"subjects\":").append(strings(i.subjects()));
        s.append(",\"parents\":").append(strings(i.parents()));
        s.append(",\"transforms\":").append(strings(i.transforms().stream().map(Transform::name).sorted().toList()));
        return s.append('}').toString();
    }

    public static String eventJson(Event e) {
        StringBuilder s = new StringBuilder("{\"type\":").append(quote(e.type())).append(",\"at\":").append(quote(e.at().toString()));
        if (e instanceof Event.SettingChange c) {
            s.append(",\"actor\":").append(quote(c.actor())).append(",\"role\":").append(quote(c.role()))
                    .append(",\"scope\":").append(quote(c.scope().toString())).append(",\"key\":").append(quote(c.setting().key()))
                    .append(",\"value\":").append(c.value()).append(",\"locked\":").append(c.locked());
        } else if (e instanceof Event.Membership m) {
            s.append(",\"user\":").append(quote(m.user())).append(",\"account\":").append(quote(m.account()))
                    .append(",\"group\":").append(quote(m.group()));
        } else if (e instanceof Event.NoticeAck a) {
            s.append(",\"meeting\":").append(quote(a.meeting())).append(",\"user\":").append(quote(a.user()))
                    .append(",\"notice\":").append(quote(a.notice().kind()));
        } else if (e instanceof Event.Objection o) {
            s.append(",\"meeting\":").append(quote(o.meeting())).append(",\"user\":").append(quote(o.user()))
                    .append(",\"notice\":").append(quote(o.notice().kind()));
        } else if (e instanceof Event.Erasure r) {
            s.append(",\"item\":").append(quote(r.item()));
        }
        return s.append('}').toString();
    }

    private static String names(Collection<? extends Term<?>> terms) {
        return terms.stream().map(Term::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String strings(List<String> values) {
        return values.stream().map(WorldFiles::quote).collect(Collectors.joining(",", "[", "]"));
    }

    /** A JSON string literal, which is also a YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
