package dev.consentry.policy.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.SettingDefinition;
import dev.consentry.consent.SettingsCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementsTest {
    @Test
    void the_dependents_of_a_setting_are_those_that_require_it_directly_or_through_another_in_catalog_order() {
        SettingsCatalog catalog = SettingsCatalog.builder()
                .setting("c", false, List.of("b"))
                .setting("a", false, List.of())
                .setting("d", false, List.of("a", "e"))
                .setting("b", false, List.of("a"))
                .setting("e", false, List.of())
                .build();
        assertThat(Requirements.dependents(setting(catalog, "a"), catalog)).extracting(SettingDefinition::key)
                .containsExactly("c", "d", "b");
        assertThat(Requirements.dependents(setting(catalog, "e"), catalog)).extracting(SettingDefinition::key)
                .containsExactly("d");
        assertThat(Requirements.dependents(setting(catalog, "c"), catalog)).isEmpty();
    }

    private static SettingDefinition setting(SettingsCatalog catalog, String key) {
        return catalog.setting(key).orElseThrow();
    }
}
