package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule file we ship (config/**, alert-service/src/main/resources/**, k8s/**: any YAML with
 * {@code groups[].rules[]}, including rule files embedded in ConfigMaps) parses, and every rule's
 * expression is LogQL on the label contract.
 */
class AlertRulesTest {

    @TestFactory
    List<DynamicTest> everyRuleExpressionParsesAndKeepsTheLabelContract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : groups()) {
            for (JsonNode rule : group.path("rules")) {
                String name = group.path("name").asText() + "/" + rule.path("alert").asText(rule.path("record").asText());
                String expr = rule.path("expr").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    assertThat(expr).isNotBlank();
                    assertThat(LabelContract.problems(expr)).isEmpty();
                }));
            }
        }
        return tests;
    }

    @Test
    void theDefaultRulesExistAndAreWellFormed() {
        List<JsonNode> groups = groups();
        assertThat(groups).isNotEmpty();
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : groups) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asText());
                assertThat(rule.path("labels").path("severity").asText()).as(rule.toString()).isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
            }
        }
        assertThat(alerts).contains("TritonErrorBurst", "TritonModelLoadFailed", "TritonGpuError");
    }

    @Test
    void receiversFileRoutesToADefinedReceiverWithSecretsFromTheEnvironment() {
        JsonNode receivers = Repo.yaml(Repo.path("config/alert/receivers.yaml"));
        List<String> names = new ArrayList<>();
        receivers.path("receivers").forEach(r -> {
            names.add(r.path("name").asText());
            assertThat(r.path("type").asText()).isIn("alertmanager", "slack", "pagerduty", "json");
            assertThat(r.path("url").asText()).startsWith("${");
        });
        assertThat(names).contains(receivers.path("route").path("receiver").asText());
    }

    /** Rule groups from every rule file and from rule files embedded in Kubernetes ConfigMaps. */
    static List<JsonNode> groups() {
        List<Path> files = new ArrayList<>();
        files.addAll(Repo.files(Repo.path("config"), ".yaml", ".yml"));
        files.addAll(Repo.files(Repo.path("alert-service/src/main/resources"), ".yaml", ".yml"));
        files.addAll(Repo.files(Repo.path("k8s"), ".yaml", ".yml"));
        List<JsonNode> groups = new ArrayList<>();
        for (Path file : files) {
            for (JsonNode doc : Repo.yamlDocuments(file)) {
                collect(doc, groups, file);
                if (doc.path("kind").asText().equals("ConfigMap")) {
                    doc.path("data").fields().forEachRemaining(e -> {
                        if (e.getKey().endsWith(".yaml") || e.getKey().endsWith(".yml")) {
                            for (JsonNode embedded : Repo.yamlDocuments(e.getValue().asText(), file + " " + e.getKey())) {
                                collect(embedded, groups, file);
                            }
                        }
                    });
                }
            }
        }
        return groups;
    }

    private static void collect(JsonNode doc, List<JsonNode> groups, Path file) {
        if (doc.has("groups") && doc.path("groups").isArray()) {
            doc.path("groups").forEach(g -> {
                assertThat(g.path("rules").isArray()).as("groups[].rules in %s", file).isTrue();
                groups.add(g);
            });
        }
    }
}
