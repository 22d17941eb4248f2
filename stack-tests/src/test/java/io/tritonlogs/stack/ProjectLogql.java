package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Every LogQL expression the project ships: the Loki panels and variables of every dashboard (in
 * {@code config/} and {@code k8s/}, Grafana's variables replaced by sample values), every alert
 * rule (rule files, the alert-service's built-in rules, ConfigMaps) and the query-service's presets.
 */
final class ProjectLogql {

    /**
     * One expression and where it is. {@code labelValues} names the label of a Grafana
     * {@code label_values(selector, label)} variable, whose {@code expr} is then the selector.
     */
    record Expression(String where, String expr, String labelValues) {
        boolean isMetric() {
            return !expr.startsWith("{");
        }
    }

    private ProjectLogql() {
    }

    static List<Expression> all() {
        List<Expression> all = new ArrayList<>();
        all.addAll(dashboards());
        all.addAll(rules());
        all.addAll(presets());
        return all;
    }

    static List<Expression> dashboards() {
        List<Expression> found = new ArrayList<>();
        List<Path> files = new ArrayList<>(Repo.files(Repo.path("config/grafana/dashboards"), ".json"));
        files.addAll(Repo.files(Repo.path("k8s"), ".json"));
        for (Path file : files) {
            JsonNode dashboard = Repo.json(file);
            for (JsonNode panel : GrafanaProvisioningTest.panels(dashboard)) {
                String panelUid = panel.path("datasource").path("uid").asText();
                panel.path("targets").forEach(t -> {
                    if (t.path("datasource").path("uid").asText(panelUid).equals("loki")) {
                        found.add(new Expression(Repo.relative(file) + ": panel " + panel.path("title").asText(),
                                LabelContract.substituteGrafanaVariables(t.path("expr").asText()), null));
                    }
                });
            }
            dashboard.path("templating").path("list").forEach(v -> {
                String query = v.path("query").asText();
                if (v.path("datasource").path("uid").asText().equals("loki") && query.startsWith("label_values(")) {
                    String inner = query.substring("label_values(".length(), query.length() - 1);
                    int comma = inner.lastIndexOf(',');
                    String selector = comma < 0 ? "" : LabelContract.substituteGrafanaVariables(inner.substring(0, comma).trim());
                    String label = (comma < 0 ? inner : inner.substring(comma + 1)).trim();
                    found.add(new Expression(Repo.relative(file) + ": variable " + v.path("name").asText(), selector, label));
                }
            });
        }
        return found;
    }

    static List<Expression> rules() {
        List<Expression> found = new ArrayList<>();
        for (JsonNode group : AlertRulesTest.groups()) {
            for (JsonNode rule : group.path("rules")) {
                found.add(new Expression("rule " + group.path("name").asText() + "/" + rule.path("alert").asText(rule.path("record").asText()),
                        rule.path("expr").asText(), null));
            }
        }
        return found;
    }

    static List<Expression> presets() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repo.read(Repo.path("query-service/src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Expression> found = new ArrayList<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("query.presets.") && key.endsWith(".query")) {
                found.add(new Expression("preset " + key, properties.getProperty(key), null));
            }
        }
        return found;
    }
}
