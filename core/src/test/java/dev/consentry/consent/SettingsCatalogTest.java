package dev.consentry.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.consentry.time.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Catalogs read from a file may be large or tangled: requirements are checked and followed in
 * time linear in the catalog, never by following every path (fifty settings each requiring the
 * two after it have about 10^10 paths) nor by recursion as deep as a chain.
 */
class SettingsCatalogTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final Instant AT = Instant.parse("2023-08-01T00:00:00Z");

    /** Settings s0..s(n-1), each requiring the two after it. */
    private static SettingsCatalog ladder(int n) {
        SettingsCatalog.Builder builder = SettingsCatalog.builder();
        for (int i = 0; i < n; i++) {
            builder.setting("s" + i, false, i + 2 < n ? List.of("s" + (i + 1), "s" + (i + 2)) : i + 1 < n ? List.of("s" + (i + 1)) : List.of());
        }
        return builder.build();
    }

    @Test
    void settings_that_each_require_the_two_after_them_are_checked_and_followed_at_once() {
        SettingsCatalog catalog = assertTimeoutPreemptively(QUICKLY, () -> ladder(80));
        assertThat(catalog.prerequisites(0)).hasSize(80).doesNotHaveDuplicates().startsWith(0);
        assertThat(catalog.prerequisites(79)).containsExactly(79);
    }

    @Test
    void a_setting_is_on_when_it_and_all_it_requires_through_others_are_on() {
        SettingsCatalog catalog = ladder(80);
        EventIndex.Builder events = EventIndex.builder(catalog);
        for (SettingDefinition s : catalog.settings()) {
            // Every setting on for the account, but the last one only an hour later.
            Instant at = s.index() == 79 ? AT.plusSeconds(3600) : AT;
            events.add(new Event.SettingChange(at, "admin", "admin", Scope.account("acme"), s, true, false));
        }
        EventIndex index = events.build();
        ConsentState.OwnerSettings owner = index.owner("acme", Optional.of("ann"));
        SettingDefinition top = catalog.settings().get(0);
        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThat(owner.settingOn(top, Instants.nanos(AT.plusSeconds(60)))).isFalse();
            assertThat(owner.settingOn(top, Instants.nanos(AT.plusSeconds(3600)))).isTrue();
        });
        assertThat(owner.settingOn(catalog.settings().get(78), Instants.nanos(AT.plusSeconds(60)))).isFalse();
        assertThat(owner.settingOn(catalog.settings().get(80 - 3), Instants.nanos(AT.plusSeconds(60)))).isFalse();
    }

    @Test
    void a_cycle_closing_a_chain_of_a_hundred_thousand_settings_is_found_without_overflowing_the_stack() {
        SettingsCatalog.Builder builder = SettingsCatalog.builder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            builder.setting("s" + i, false, List.of("s" + ((i + 1) % n)));
        }
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings requirements form a cycle through 's0'");
    }

    @Test
    void a_chain_of_a_hundred_thousand_settings_is_followed_without_overflowing_the_stack() {
        SettingsCatalog.Builder builder = SettingsCatalog.builder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            builder.setting("s" + i, false, i + 1 < n ? List.of("s" + (i + 1)) : List.of());
        }
        SettingsCatalog catalog = builder.build();
        assertThat(catalog.prerequisites(0)).hasSize(n);
        assertThat(EventIndex.builder(catalog).build().owner("acme", Optional.empty())
                .settingOn(catalog.settings().get(0), Instants.nanos(AT))).isFalse();
    }

    @Test
    void the_first_cycle_in_catalog_order_is_named() {
        SettingsCatalog.Builder builder = SettingsCatalog.builder()
                .setting("a", false, List.of("b"))
                .setting("b", false, List.of("c"))
                .setting("c", false, List.of("b"))
                .setting("d", false, List.of("d"));
        assertThatThrownBy(builder::build).hasMessage("settings requirements form a cycle through 'b'");
    }
}
