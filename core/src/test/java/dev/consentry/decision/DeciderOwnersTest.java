package dev.consentry.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.Event;
import dev.consentry.consent.Scope;
import dev.consentry.item.Item;
import dev.consentry.policy.Effect;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.policy.Requirement;
import dev.consentry.policy.Rule;
import dev.consentry.taxonomy.Purpose;
import dev.consentry.testing.SpecReference;
import dev.consentry.testing.World;
import dev.consentry.testing.Worlds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decider numbers owners (account and owner) when it is made and remembers, per owner, which
 * settings hold at the first time it is asked about. Thousands of owners, whose items alternate
 * with their accounts' items without an owner, and whose settings differ from owner to owner and
 * change between creation and decision, each get their own settings, at every time asked.
 */
class DeciderOwnersTest {
    private static final Instant EFFECTIVE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant CHANGED = Instant.parse("2024-01-03T00:00:00Z");

    @Test
    void every_owner_of_thousands_gets_its_own_settings_at_every_time() {
        Purpose training = Worlds.TAXONOMY.purpose("ai.training.first_party").orElseThrow();
        Rule allow = new Rule("chat-with-s1", Effect.ALLOW, List.of(Worlds.TAXONOMY.category("content.chat").orElseThrow()),
                List.of(training), List.of(new Requirement.Setting(Worlds.CATALOG.setting("s1").orElseThrow())), Optional.empty());
        PolicyVersion version = new PolicyVersion(Worlds.FAMILY, "1", EFFECTIVE, Effect.DENY, List.of(allow), List.of(),
                "0".repeat(64));
        List<Item> items = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int a = 0; a < 700; a++) {
            String account = "acct" + a;
            events.add(setting(EFFECTIVE, Scope.account(account), a % 3 == 0));
            for (int u = 0; u < 3; u++) {
                // The same owner names recur across accounts; each pair is an owner of its own.
                String user = "user" + (a * u % 11);
                Scope scope = Scope.user(account, user);
                events.add(setting(EFFECTIVE, scope, (a + u) % 2 == 0));
                events.add(setting(CHANGED, scope, (a + u) % 5 == 0));
                items.add(item(account + "/" + u, account, Optional.of(user)));
                items.add(item(account + "/" + u + "/account", account, Optional.empty()));
            }
        }
        events.sort((x, y) -> x.at().compareTo(y.at()));
        World world = new World(Worlds.TAXONOMY, Worlds.CATALOG, Worlds.FAMILY, List.of(version), items, events);
        Decider decider = world.decider();
        SpecReference spec = new SpecReference(world);
        List<Instant> times = List.of(CHANGED.plusSeconds(60), CREATED.plusSeconds(60), CHANGED.plusSeconds(60));
        int allowed = 0;
        for (Instant t : times) {
            for (int node = 0; node < items.size(); node++) {
                Decision d = decider.decide(node, training, t);
                SpecReference.Outcome expected = spec.decide(items.get(node).id(), training, t).canonical();
                assertThat(new SpecReference.Outcome(d.effect(), d.reasons()).canonical())
                        .as("%s at %s", items.get(node).id(), t).isEqualTo(expected);
                allowed += d.effect() == Effect.ALLOW ? 1 : 0;
            }
        }
        // Settings differ by owner and time, so some items are allowed and some denied at each time.
        assertThat(allowed).isBetween(1, times.size() * items.size() - 1);
    }

    private static Event setting(Instant at, Scope scope, boolean on) {
        return new Event.SettingChange(at, "admin", "account_admin", scope, Worlds.CATALOG.setting("s1").orElseThrow(), on, false);
    }

    private static Item item(String id, String account, Optional<String> owner) {
        return new Item(id, account, owner, Optional.empty(), Worlds.TAXONOMY.category("content.chat").orElseThrow(), CREATED,
                List.of(), List.of(), Set.of());
    }
}
