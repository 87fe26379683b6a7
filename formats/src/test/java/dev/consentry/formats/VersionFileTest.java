package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.ErrorCode;
import dev.consentry.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionFileTest {
    private static final String VERSION = """
            policy: terms
            version: "1"
            effective: "2024-01-01T00:00:00Z"
            default: deny
            rules:
              - id: holograms
                effect: allow
                categories: [customer_content.hologram]
                purposes: [ai]
                requires: ["setting:ai.hologram.enabled"]
                text: "Holograms may be used for AI while the feature is on."
            """;

    @Test
    void aVersionIsReadAgainstTheTaxonomyAndSettingsBesideIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("taxonomy.yaml"), "categories:\n  - name: customer_content.hologram\npurposes:\n  - name: ai\n");
        Files.writeString(dir.resolve("settings.yaml"), "settings:\n  - key: ai.hologram.enabled\n    default: false\n");
        Files.writeString(dir.resolve("1.yaml"), VERSION);
        Files.writeString(dir.resolve("2.yaml"), "not: [a policy");

        PolicyReader.VersionFile read = PolicyReader.readVersion(dir.resolve("1.yaml"));

        assertThat(read.file()).isEqualTo(dir.resolve("1.yaml"));
        assertThat(read.version().rules()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("holograms"));
        assertThat(read.taxonomy().category("customer_content.hologram")).isPresent();
        assertThat(read.catalog().setting("ai.hologram.enabled")).isPresent();
    }

    @Test
    void withoutTaxonomyOrSettingsBesideItTheDefaultsApply(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("1.yaml"), VERSION.replace("hologram", "audio").replace("ai.audio.enabled", "ai.meeting_summary.enabled"));

        PolicyReader.VersionFile read = PolicyReader.readVersion(dir.resolve("1.yaml"));

        assertThat(read.taxonomy()).isSameAs(Taxonomy.defaults());
        assertThat(read.catalog()).isSameAs(SettingsCatalog.defaults());
    }

    @Test
    void aBadVersionIsReportedWithItsFileLineAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("1.yaml"), VERSION);

        ConsentryException e = catchThrowableOfType(ConsentryException.class, () -> PolicyReader.readVersion(dir.resolve("1.yaml")));

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CATEGORY);
        assertThat(e.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo(dir.resolve("1.yaml").toString());
            assertThat(l.line()).isEqualTo(8);
            assertThat(l.field()).contains("rules[0].categories[0]");
        });
    }

    @Test
    void aBadTaxonomyBesideItIsReportedAsThatFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("taxonomy.yaml"), "categories:\n  - nme: customer_content.hologram\npurposes: []\n");
        Files.writeString(dir.resolve("1.yaml"), VERSION);

        ConsentryException e = catchThrowableOfType(ConsentryException.class, () -> PolicyReader.readVersion(dir.resolve("1.yaml")));

        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        assertThat(e.location().orElseThrow().file()).isEqualTo(dir.resolve("taxonomy.yaml").toString());
    }

    @Test
    void aMissingFileADirectoryTheTaxonomyOrANonYamlFileIsNotAVersion(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("taxonomy.yaml"), "categories: []\npurposes: []\n");
        Files.writeString(dir.resolve("1.json"), "{}");

        assertThat(catchThrowableOfType(ConsentryException.class, () -> PolicyReader.readVersion(dir.resolve("absent.yaml"))).code())
                .isEqualTo(ErrorCode.FILE_NOT_READABLE);
        assertThat(catchThrowableOfType(ConsentryException.class, () -> PolicyReader.readVersion(dir)).code())
                .isEqualTo(ErrorCode.FILE_NOT_READABLE);
        assertThat(catchThrowableOfType(ConsentryException.class, () -> PolicyReader.readVersion(dir.resolve("taxonomy.yaml"))).code())
                .isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(catchThrowableOfType(ConsentryException.class, () -> PolicyReader.readVersion(dir.resolve("1.json"))).code())
                .isEqualTo(ErrorCode.BAD_ARGUMENT);
    }
}
