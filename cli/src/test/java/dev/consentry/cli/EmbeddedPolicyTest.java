package dev.consentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.formats.PolicyReader;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.policy.PolicyVersion;
import dev.consentry.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPolicyTest {
    /** The repository's copy; tests run in the cli module's directory. */
    private static final Path EXAMPLES = Path.of("..", "examples", "terms-2023");

    @Test
    void theEmbeddedBundleIsTheRepositorysExamplesTerms2023ByteForByte(@TempDir Path dir) throws IOException {
        EmbeddedPolicy.copyTo(dir);

        List<String> shipped = yamlFiles(EXAMPLES);
        assertThat(yamlFiles(dir)).containsExactlyElementsOf(shipped).hasSize(3);
        for (String name : shipped) {
            assertThat(Files.readAllBytes(dir.resolve(name))).isEqualTo(Files.readAllBytes(EXAMPLES.resolve(name)));
        }
    }

    @Test
    void itIsTheThreeVersionsOf2023OnTheBuiltInTaxonomyAndSettings(@TempDir Path dir) {
        EmbeddedPolicy.copyTo(dir);
        PolicyBundle bundle = PolicyReader.read(dir);

        assertThat(bundle.history().family()).isEqualTo("terms-2023");
        assertThat(bundle.history().versions()).extracting(PolicyVersion::version)
                .containsExactly("2023-07-27", "2023-08-07", "2023-08-11");
        assertThat(bundle.taxonomy()).isSameAs(Taxonomy.defaults());
        assertThat(bundle.catalog()).isSameAs(SettingsCatalog.defaults());
    }

    @Test
    void everyRuleAndDeclassificationQuotesTheTermsAndCitesASection(@TempDir Path dir) {
        EmbeddedPolicy.copyTo(dir);

        for (PolicyVersion version : PolicyReader.read(dir).history().versions()) {
            assertThat(version.rules()).allSatisfy(rule -> assertThat(rule.text()).hasValueSatisfying(
                    text -> assertThat(text).startsWith("§10.")));
            assertThat(version.declassify()).allSatisfy(d -> assertThat(d.text()).hasValueSatisfying(
                    text -> assertThat(text).startsWith("§10.")));
        }
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }
}
