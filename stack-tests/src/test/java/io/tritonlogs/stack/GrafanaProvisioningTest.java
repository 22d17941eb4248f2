package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.common.testing.DashboardMetrics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** config/grafana: provisioning YAML, dashboards, every query in them. */
class GrafanaProvisioningTest {
    private static final Path DASHBOARDS = Repo.path("config/grafana/dashboards");

    @Test
    void dataSourcesAreLokiAndPrometheusByUid() {
        JsonNode ds = Repo.yaml(Repo.path("config/grafana/provisioning/datasources/datasources.yaml"));
        Map<String, String> byUid = new LinkedHashMap<>();
        ds.path("datasources").forEach(d -> byUid.put(d.path("uid").asText(), d.path("type").asText() + " " + d.path("url").asText()));
        assertThat(byUid).containsEntry("loki", "loki http://query-service:8082").containsEntry("prometheus", "prometheus http://prometheus:9090");
    }

    @Test
    void dashboardProviderLoadsTheDashboardsDirectory() {
        JsonNode providers = Repo.yaml(Repo.path("config/grafana/provisioning/dashboards/dashboards.yaml"));
        String path = providers.path("providers").get(0).path("options").path("path").asText();
        JsonNode compose = Repo.yaml(Repo.path("docker-compose.yml"));
        assertThat(compose.path("services").path("grafana").path("volumes").toString())
                .contains("./config/grafana/dashboards:" + path + ":ro", "./config/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void everyDashboardParsesAndUsesOnlyProvisionedDataSources() {
        List<Path> files = Repo.files(DASHBOARDS, ".json");
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("triton-logs.json", "suite.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode d = Repo.json(file);
            assertThat(uids.add(d.path("uid").asText())).as("unique uid in %s", file).isTrue();
            assertThat(d.path("title").asText()).isNotBlank();
            for (JsonNode panel : panels(d)) {
                String uid = panel.path("datasource").path("uid").asText();
                assertThat(uid).as("%s panel %s", file.getFileName(), panel.path("title").asText()).isIn("loki", "prometheus");
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        }
    }

    @Test
    void tritonDashboardHasTheGuidesEightPanels() {
        JsonNode d = Repo.json(DASHBOARDS.resolve("triton-logs.json"));
        assertThat(d.path("title").asText()).isEqualTo("Triton Inference Server Logs");
        Map<String, JsonNode> byTitle = new LinkedHashMap<>();
        panels(d).forEach(p -> byTitle.put(p.path("title").asText(), p));
        assertThat(byTitle.keySet()).containsExactlyInAnyOrder("All logs", "Errors", "Warnings", "Error count (5m)",
                "Warning count (5m)", "Level distribution", "Model-specific logs: $model", "Log rate by level");
        assertThat(expr(byTitle.get("Errors"))).contains("level=~\"ERROR|FATAL\"");
        assertThat(expr(byTitle.get("Warnings"))).contains("level=\"WARNING\"");
        assertThat(expr(byTitle.get("Error count (5m)"))).startsWith("sum(count_over_time(").contains("level=~\"ERROR|FATAL\"", "[5m]");
        assertThat(expr(byTitle.get("Warning count (5m)"))).contains("level=\"WARNING\"", "[5m]");
        assertThat(expr(byTitle.get("Level distribution"))).startsWith("sum by (level)");
        assertThat(expr(byTitle.get("Log rate by level"))).startsWith("sum by (level) (rate(");
        assertThat(expr(byTitle.get("Model-specific logs: $model"))).contains("model_name=\"$model\"");
        for (String count : List.of("Error count (5m)", "Warning count (5m)")) {
            JsonNode steps = byTitle.get(count).path("fieldConfig").path("defaults").path("thresholds").path("steps");
            assertThat(steps.toString()).as(count).isEqualTo("[{\"color\":\"green\",\"value\":null},{\"color\":\"yellow\",\"value\":1},{\"color\":\"red\",\"value\":10}]");
        }
        List<String> variables = new ArrayList<>();
        d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("model");
    }

    @TestFactory
    List<DynamicTest> everyLokiQueryParsesAndKeepsTheLabelContract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Repo.files(DASHBOARDS, ".json")) {
            JsonNode d = Repo.json(file);
            for (JsonNode panel : panels(d)) {
                panel.path("targets").forEach(t -> {
                    String uid = t.path("datasource").path("uid").asText(panel.path("datasource").path("uid").asText());
                    if (uid.equals("loki")) {
                        String raw = t.path("expr").asText();
                        tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + panel.path("title").asText(), () ->
                                assertThat(LabelContract.problems(LabelContract.substituteGrafanaVariables(raw))).isEmpty()));
                    }
                });
            }
            d.path("templating").path("list").forEach(v -> {
                if (v.path("datasource").path("uid").asText().equals("loki")) {
                    String query = v.path("query").asText();
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ": variable " + v.path("name").asText(), () -> {
                        assertThat(query).startsWith("label_values(");
                        String inner = query.substring("label_values(".length(), query.length() - 1);
                        int comma = inner.lastIndexOf(',');
                        String label = (comma < 0 ? inner : inner.substring(comma + 1)).trim();
                        assertThat(LabelContract.LABELS).contains(label);
                        if (comma >= 0) {
                            assertThat(LabelContract.problems(LabelContract.substituteGrafanaVariables(inner.substring(0, comma)))).isEmpty();
                        }
                    }));
                }
            });
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
        return tests;
    }

    @Test
    void everyPrometheusQueryIsValidPromQL() throws Exception {
        // promtool checks PromQL in rule files: each dashboard query, Grafana's variables ($__rate_interval,
        // $__interval, $__range) replaced by durations, becomes a recording rule.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        for (Path file : Repo.files(DASHBOARDS, ".json")) {
            for (DashboardMetrics.Query query : DashboardMetrics.prometheusQueries(file)) {
                rules.append("      - record: dashboard:query").append(n++).append("\n        expr: ")
                        .append(Repo.JSON.writeValueAsString(query.expr())).append('\n');
                // the names each service's DashboardMetricsTest looks for on its /q/metrics
                assertThat(DashboardMetrics.metricUses(query.expr())).as("metrics named by %s: %s", query.panel(), query.raw()).isNotEmpty();
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(5);
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        try {
            Files.writeString(file, rules);
            Promtool.Result result = Promtool.run("check", "rules", file.toString());
            assertThat(result.exitCode()).as("promtool check rules:%n%s%n%s", result.output(), rules).isZero();
        } finally {
            Files.delete(file);
        }
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(panels::add);
            } else {
                panels.add(p);
            }
        });
        return panels;
    }

    private static String expr(JsonNode panel) {
        return panel.path("targets").get(0).path("expr").asText();
    }
}
