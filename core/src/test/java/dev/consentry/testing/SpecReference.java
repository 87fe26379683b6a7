package dev.consentry.testing;

import dev.consentry.consent.Event;
import dev.consentry.consent.Scope;
import dev.consentry.consent.SettingDefinition;
import dev.consentry.decision.Reason;
import dev.consentry.decision.ReasonCode;
import dev.consentry.item.Item;
import dev.consentry.policy.Declassification;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Category;
import dev.consentry.taxonomy.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * SPEC.md's "Decision semantics" read as literally as possible, with no attention to speed: every
 * question scans the event list, lineage is walked recursively, names are compared as strings. It
 * shares nothing with the engine but the value types, so where the two disagree one of them has
 * misread the spec. Each method cites the step it implements.
 */
public final class SpecReference {
    private final World world;
    private final Map<String, Item> byId = new HashMap<>();

    public SpecReference(World world) {
        this.world = world;
        for (Item item : world.items()) {
            if (byId.put(item.id(), item) != null) {
                throw new IllegalArgumentException("duplicate id " + item.id());
            }
        }
    }

    /** What the spec says: the effect, and the reasons in no particular order. */
    public record Outcome(Effect effect, List<Reason> reasons) {
        /** The reasons in a canonical order, so two outcomes compare as multisets. */
        public Outcome canonical() {
            List<Reason> sorted = new ArrayList<>(reasons);
            sorted.sort(Comparator.comparing(Reason::toString));
            return new Outcome(effect, sorted);
        }
    }

    public Outcome decide(String id, Purpose p, Instant t) {
        Item x = byId.get(id);
        // Step 0: created after t.
        if (x.created().isAfter(t)) {
            return deny(whole(ReasonCode.NOT_YET_CREATED));
        }
        // Step 1: x or an ancestor (known or not) erased at or before t.
        for (String ancestor : selfAndAncestorIds(x)) {
            if (erasedBy(ancestor, t)) {
                return deny(whole(ReasonCode.ERASED));
            }
        }
        // Step 2: an unknown parent anywhere in the lineage, or a cycle.
        if (lineageBroken(x)) {
            return deny(whole(ReasonCode.LINEAGE));
        }
        // Step 3: the version in force at creation and at t; one if they are the same.
        Optional<PolicyVersion> atCreation = inForce(x.created());
        Optional<PolicyVersion> atT = inForce(t);
        List<Optional<PolicyVersion>> applicable = atCreation.equals(atT) ? List.of(atCreation) : List.of(atCreation, atT);
        List<Reason> denials = new ArrayList<>();
        List<Reason> allows = new ArrayList<>();
        for (Optional<PolicyVersion> version : applicable) {
            for (String label : labels(x, version)) {
                judge(x, label, p, t, version, denials, allows);
            }
        }
        // Step 7: allowed only if every label is allowed under every applicable version.
        return denials.isEmpty() ? new Outcome(Effect.ALLOW, allows) : deny(denials);
    }

    /** Step 5 for one label under one version. */
    private void judge(Item x, String label, Purpose p, Instant t, Optional<PolicyVersion> version,
            List<Reason> denials, List<Reason> allows) {
        if (version.isEmpty()) {
            denials.add(reason(ReasonCode.DEFAULT_DENY, null, null, label, null));
            return;
        }
        PolicyVersion v = version.get();
        List<Rule> denyRules = new ArrayList<>();
        List<Rule> allowRules = new ArrayList<>();
        for (Rule rule : v.rules()) {
            if (matches(rule, label, p)) {
                (rule.effect() == Effect.DENY ? denyRules : allowRules).add(rule);
            }
        }
        if (!denyRules.isEmpty()) {
            denyRules.forEach(r -> denials.add(reason(ReasonCode.DENIED_BY_RULE, r.id(), v, label, null)));
            return;
        }
        if (!allowRules.isEmpty()) {
            for (Rule r : allowRules) {
                if (r.requires().stream().allMatch(q -> met(q, x, t))) {
                    allows.add(reason(ReasonCode.ALLOWED_BY_RULE, r.id(), v, label, null));
                    return;
                }
            }
            for (Rule r : allowRules) {
                for (Requirement q : r.requires()) {
                    if (!met(q, x, t)) {
                        denials.add(reason(ReasonCode.REQUIREMENT_UNMET, r.id(), v, label, q.toString()));
                    }
                }
            }
            return;
        }
        if (v.defaultEffect() == Effect.ALLOW) {
            allows.add(reason(ReasonCode.DEFAULT_ALLOW, null, v, label, null));
        } else {
            denials.add(reason(ReasonCode.DEFAULT_DENY, null, v, label, null));
        }
    }

    /** Step 5: one of the rule's categories is the label or above it, one of its purposes is p or above it. */
    static boolean matches(Rule rule, String label, Purpose p) {
        return rule.categories().stream().anyMatch(c -> isOrAbove(c.name(), label))
                && rule.purposes().stream().anyMatch(q -> isOrAbove(q.name(), p.name()));
    }

    static boolean isOrAbove(String upper, String name) {
        return name.equals(upper) || name.startsWith(upper + ".");
    }

    /** Step 6. */
    private boolean met(Requirement q, Item x, Instant t) {
        if (q instanceof Requirement.Setting s) {
            return on(s.setting(), x.account(), x.user(), x.created()) && on(s.setting(), x.account(), x.user(), t);
        }
        if (q instanceof Requirement.Notice n) {
            if (x.meeting().isEmpty() || x.subjects().isEmpty()) {
                return false;
            }
            String meeting = x.meeting().get();
            String kind = n.notice().kind();
            for (String subject : x.subjects()) {
                boolean acknowledged = world.events().stream().anyMatch(e -> e instanceof Event.NoticeAck a
                        && a.meeting().equals(meeting) && a.user().equals(subject) && a.notice().kind().equals(kind)
                        && !a.at().isAfter(x.created()));
                boolean objected = world.events().stream().anyMatch(e -> e instanceof Event.Objection o
                        && o.meeting().equals(meeting) && o.user().equals(subject) && o.notice().kind().equals(kind)
                        && !o.at().isAfter(t));
                if (!acknowledged || objected) {
                    return false;
                }
            }
            return true;
        }
        return x.transforms().contains(((Requirement.Transformed) q).transform());
    }

    /** KEY is on at τ: its effective value is true and every setting it requires is on. */
    public boolean on(SettingDefinition setting, String account, Optional<String> owner, Instant tau) {
        if (!effective(setting, account, owner, tau)) {
            return false;
        }
        for (String required : setting.requires()) {
            if (!on(world.catalog().setting(required).orElseThrow(), account, owner, tau)) {
                return false;
            }
        }
        return true;
    }

    private boolean effective(SettingDefinition setting, String account, Optional<String> owner, Instant tau) {
        List<Event.SettingChange> levels = new ArrayList<>();
        levels.add(latestSetting(Scope.account(account), setting, tau));
        if (owner.isPresent()) {
            Optional<String> group = latestGroup(account, owner.get(), tau);
            levels.add(group.map(g -> latestSetting(Scope.group(account, g), setting, tau)).orElse(null));
            levels.add(latestSetting(Scope.user(account, owner.get()), setting, tau));
        }
        for (Event.SettingChange level : levels) {
            if (level != null && level.locked()) {
                return level.value();
            }
        }
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (levels.get(i) != null) {
                return levels.get(i).value();
            }
        }
        return setting.defaultValue();
    }

    /** The latest event at or before τ; of events at one instant, the one recorded later. */
    private Event.SettingChange latestSetting(Scope scope, SettingDefinition setting, Instant tau) {
        Event.SettingChange latest = null;
        for (Event e : world.events()) {
            if (e instanceof Event.SettingChange s && s.scope().equals(scope) && s.setting().key().equals(setting.key())
                    && !s.at().isAfter(tau) && (latest == null || !s.at().isBefore(latest.at()))) {
                latest = s;
            }
        }
        return latest;
    }

    private Optional<String> latestGroup(String account, String user, Instant tau) {
        Event.Membership latest = null;
        for (Event e : world.events()) {
            if (e instanceof Event.Membership m && m.account().equals(account) && m.user().equals(user)
                    && !m.at().isAfter(tau) && (latest == null || !m.at().isBefore(latest.at()))) {
                latest = m;
            }
        }
        return Optional.ofNullable(latest).map(Event.Membership::group);
    }

    /** The version in force at τ: the latest with effective ≤ τ; empty before the first. */
    Optional<PolicyVersion> inForce(Instant tau) {
        return world.versions().stream().filter(v -> !v.effective().isAfter(tau))
                .max(Comparator.comparing(PolicyVersion::effective));
    }

    /** Step 4 under one version; requires an unbroken lineage. Sorted, as a set. */
    public Set<String> labels(Item x, Optional<PolicyVersion> version) {
        Set<String> labels = new TreeSet<>();
        labels.add(x.category().name());
        List<Declassification> dropping = version.map(PolicyVersion::declassify).orElse(List.of()).stream()
                .filter(d -> x.transforms().contains(d.transform())).toList();
        for (String parentId : x.parents()) {
            for (String label : labels(byId.get(parentId), version)) {
                boolean dropped = dropping.stream().anyMatch(d -> d.from().stream().anyMatch(f -> isOrAbove(f.name(), label)));
                if (!dropped) {
                    labels.add(label);
                }
            }
        }
        return labels;
    }

    public Set<String> labels(String id, Instant at) {
        return labels(byId.get(id), inForce(at));
    }

    /** Step 2: a parent anywhere in the lineage is unknown, or the lineage has a cycle. */
    public boolean lineageBroken(Item x) {
        return broken(x, new HashSet<>());
    }

    public boolean lineageBroken(String id) {
        return lineageBroken(byId.get(id));
    }

    private boolean broken(Item x, Set<String> path) {
        if (!path.add(x.id())) {
            return true;
        }
        for (String parentId : x.parents()) {
            Item parent = byId.get(parentId);
            if (parent == null || broken(parent, path)) {
                return true;
            }
        }
        path.remove(x.id());
        return false;
    }

    /** x's id and every id in its lineage, including ids no item has (they may still have been erased). */
    private Set<String> selfAndAncestorIds(Item x) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(x.id()));
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (seen.add(id) && byId.containsKey(id)) {
                todo.addAll(byId.get(id).parents());
            }
        }
        return seen;
    }

    private boolean erasedBy(String id, Instant t) {
        return world.events().stream().anyMatch(e -> e instanceof Event.Erasure r && r.item().equals(id) && !r.at().isAfter(t));
    }

    private Reason reason(ReasonCode code, String rule, PolicyVersion v, String label, String requirement) {
        return new Reason(code, Optional.ofNullable(rule), Optional.of(world.family()),
                Optional.ofNullable(v).map(PolicyVersion::version), Optional.of(label), Optional.ofNullable(requirement));
    }

    private static Reason whole(ReasonCode code) {
        return Reason.of(code);
    }

    private static Outcome deny(Reason... reasons) {
        return new Outcome(Effect.DENY, List.of(reasons));
    }

    private static Outcome deny(List<Reason> reasons) {
        return new Outcome(Effect.DENY, reasons);
    }

    /** A category's name, for tests that compare label sets. */
    public static List<String> names(List<Category> categories) {
        return categories.stream().map(Category::name).toList();
    }
}
