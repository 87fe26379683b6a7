package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.policy.analysis.PolicyDiff;
import dev.consentry.policy.analysis.PolicyLint;
import dev.consentry.policy.analysis.PolicyMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the lint and diff documents field by field: tools parse them, so their shape is a contract. */
class PolicyAnalysisJsonTest {
    private static final String FIRST = """
            policy: terms
            version: "1"
            effective: "2024-01-01T00:00:00Z"
            default: deny
            rules:
              - id: content-training
                effect: allow
                categories: [customer_content]
                purposes: [ai.training]
                requires: ["setting:ai.meeting_summary.enabled"]
                text: "Content trains our models while the summary feature is on."
            """;
    private static final String SECOND = """
            policy: terms
            version: "2"
            effective: "2024-06-01T00:00:00Z"
            default: allow
            rules:
              - id: no-content-training
                effect: deny
                categories: [customer_content]
                purposes: [ai.training]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writePolicy() throws IOException {
        Files.writeString(dir.resolve("taxonomy.yaml"), "categories:\n  - name: customer_content\npurposes:\n  - name: ai.training\n");
        Files.writeString(dir.resolve("1.yaml"), FIRST);
        Files.writeString(dir.resolve("2.yaml"), SECOND);
    }

    @Test
    void theLintDocumentListsEachVersionsMatrixThenTheFindings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PolicyLintJson.write(PolicyLint.of(PolicyReader.read(dir)), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "policy" : "terms",
                  "versions" : [ {
                    "version" : "1",
                    "effective" : "2024-01-01T00:00:00Z",
                    "default" : "deny",
                    "matrix" : [ {
                      "category" : "customer_content",
                      "purpose" : "ai",
                      "effect" : "deny",
                      "default" : true,
                      "rules" : [ ]
                    }, {
                      "category" : "customer_content",
                      "purpose" : "ai.training",
                      "effect" : "conditional",
                      "default" : false,
                      "rules" : [ {
                        "id" : "content-training",
                        "requires" : [ "setting:ai.meeting_summary.enabled" ]
                      } ]
                    } ]
                  }, {
                    "version" : "2",
                    "effective" : "2024-06-01T00:00:00Z",
                    "default" : "allow",
                    "matrix" : [ {
                      "category" : "customer_content",
                      "purpose" : "ai",
                      "effect" : "allow",
                      "default" : true,
                      "rules" : [ ]
                    }, {
                      "category" : "customer_content",
                      "purpose" : "ai.training",
                      "effect" : "deny",
                      "default" : false,
                      "rules" : [ {
                        "id" : "no-content-training",
                        "requires" : [ ]
                      } ]
                    } ]
                  } ],
                  "findings" : [ {
                    "kind" : "missing-setting-dependency",
                    "version" : "1",
                    "rule" : "content-training",
                    "message" : "rule content-training allows ai.training on setting:ai.meeting_summary.enabled without setting:ai.meeting_summary.share_for_training, which depends on it: switching the feature on would stand for consent to training"
                  }, {
                    "kind" : "falls-to-default",
                    "version" : "2",
                    "category" : "customer_content",
                    "purpose" : "ai",
                    "message" : "no rule speaks to customer_content for ai and the default is allow: it is allowed with no clause of the terms saying so"
                  }, {
                    "kind" : "missing-text",
                    "version" : "2",
                    "rule" : "no-content-training",
                    "message" : "rule no-content-training quotes no text of the terms"
                  } ]
                }
                """);
    }

    @Test
    void theDiffDocumentNamesBothFilesAndEachChangedPairWithBothSides() throws IOException {
        PolicyReader.VersionFile first = PolicyReader.readVersion(dir.resolve("1.yaml"));
        PolicyReader.VersionFile second = PolicyReader.readVersion(dir.resolve("2.yaml"));
        PolicyDiff diff = PolicyDiff.between(PolicyMatrix.of(first.taxonomy(), first.catalog(), first.version()),
                PolicyMatrix.of(second.taxonomy(), second.catalog(), second.version()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PolicyDiffJson.write(diff, "old/1.yaml", "new/2.yaml", out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "old" : {
                    "file" : "old/1.yaml",
                    "policy" : "terms",
                    "version" : "1",
                    "effective" : "2024-01-01T00:00:00Z",
                    "sha256" : "d54e7a6ac5f1eb58b2d284524d3584fe28bda2eba0f8f078e21ad2a14708537d"
                  },
                  "new" : {
                    "file" : "new/2.yaml",
                    "policy" : "terms",
                    "version" : "2",
                    "effective" : "2024-06-01T00:00:00Z",
                    "sha256" : "a31a4c3a44be0416b00ddf24e8448ac49660feb2a2d91be799a21098b2f61eab"
                  },
                  "changes" : [ {
                    "category" : "customer_content",
                    "purpose" : "ai",
                    "changed" : [ "effect" ],
                    "old" : {
                      "effect" : "deny",
                      "default" : true,
                      "rules" : [ ]
                    },
                    "new" : {
                      "effect" : "allow",
                      "default" : true,
                      "rules" : [ ]
                    },
                    "requirements_added" : [ ],
                    "requirements_removed" : [ ]
                  }, {
                    "category" : "customer_content",
                    "purpose" : "ai.training",
                    "changed" : [ "effect", "rules", "requirements" ],
                    "old" : {
                      "effect" : "conditional",
                      "default" : false,
                      "rules" : [ {
                        "id" : "content-training",
                        "requires" : [ "setting:ai.meeting_summary.enabled" ]
                      } ]
                    },
                    "new" : {
                      "effect" : "deny",
                      "default" : false,
                      "rules" : [ {
                        "id" : "no-content-training",
                        "requires" : [ ]
                      } ]
                    },
                    "requirements_added" : [ ],
                    "requirements_removed" : [ "setting:ai.meeting_summary.enabled" ]
                  } ]
                }
                """);
    }
}
