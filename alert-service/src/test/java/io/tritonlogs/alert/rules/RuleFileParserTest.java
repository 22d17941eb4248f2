package io.tritonlogs.alert.rules;

import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseResult;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleFileParserTest {

    private final RuleFileParser parser = new RuleFileParser(Duration.ofMinutes(1));

    @Test
    void theShippedDefaultRulesParseAndUseTheLevelAndModelLabels() throws Exception {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RuleRegistry.DEFAULT_RULES)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<RuleGroup> groups = parser.parse("triton.yaml", text);
        List<AlertRule> rules = groups.stream().flatMap(g -> g.rules().stream()).toList();
        assertThat(rules).extracting(AlertRule::name)
                .containsExactly("TritonErrorRateHigh", "TritonErrorBurst", "TritonWarningsElevated", "TritonModelReloaded");
        assertThat(rules).extracting(r -> r.labels().get("severity")).containsExactly("warning", "critical", "warning", "info");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.expr()).contains("by (model_name)").doesNotContain("|~ \"ERROR");
            assertThat(LogqlParser.parse(r.expr()).ok()).isTrue();
        });
        assertThat(rules.get(0).forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rules.get(3).keepFiringFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rules.get(1).expr()).isEqualTo("sum by (model_name) (count_over_time({level=~\"ERROR|FATAL\"}[1m])) > 10");
    }

    @Test
    void aLogqlErrorIsReportedAtItsPositionInTheFile() {
        String expr = "sum(count_over_time({level==\"ERROR\"}[1m])) > 10";
        String text = """
                groups:
                  - name: triton-errors
                    interval: 1m
                    rules:
                      - alert: TritonErrorBurst
                        expr: '%s'
                """.formatted(expr);
        RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> parser.parse("rules/bad.yaml", text));
        RuleError error = e.errors().get(0);
        ParseResult.Failed logql = (ParseResult.Failed) LogqlParser.parse(expr);
        assertThat(error.group()).isEqualTo("triton-errors");
        assertThat(error.rule()).isEqualTo("TritonErrorBurst");
        assertThat(error.line()).isEqualTo(6);
        // single-quoted scalar at column 15: the quote, then the expr
        assertThat(error.column()).isEqualTo(15 + logql.error().column());
        assertThat(charAt(text, error.line(), error.column())).isEqualTo(expr.charAt(logql.error().offset()));
        assertThat(error.describe()).startsWith("rules/bad.yaml: group \"triton-errors\", rule \"TritonErrorBurst\", line 6, column "
                + error.column() + ": expr: ");
        assertThat(e.getMessage()).isEqualTo(error.describe());
    }

    @Test
    void aLogqlErrorInABlockScalarPointsIntoTheBlock() {
        String text = """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: |
                          sum by (model_name) (count_over_time({level="ERROR"}[1m]))
                            > bogus
                """;
        RuleError error = catchThrowableOfType(RuleFileException.class, () -> parser.parse("f.yaml", text)).errors().get(0);
        assertThat(error.line()).isEqualTo(7);
        assertThat(charAt(text, error.line(), error.column())).isEqualTo('b');
    }

    @Test
    void unknownFieldsBadDurationsDuplicatesAndLogQueriesAreRefusedWithPositions() {
        String text = """
                groups:
                  - name: g
                    interval: 1m
                    rules:
                      - alert: A
                        expr: count_over_time({level="ERROR"}[1m]) > 1
                        severity: critical
                      - alert: A
                        expr: count_over_time({level="ERROR"}[1m]) > 1
                        for: 5x
                      - alert: Logs
                        expr: '{level="ERROR"}'
                  - name: g
                    interval: 90
                """;
        List<RuleError> errors = catchThrowableOfType(RuleFileException.class, () -> parser.parse("f.yaml", text)).errors();
        assertThat(errors).extracting(RuleError::describe).containsExactly(
                "f.yaml: group \"g\", rule \"A\", line 7, column 9: field \"severity\" not found in a rule (known fields: alert, expr, for, keep_firing_for, labels, annotations)",
                "f.yaml: group \"g\", rule \"A\", line 8, column 16: duplicate rule name \"A\" in group \"g\" (first at line 5)",
                "f.yaml: group \"g\", rule \"A\", line 10, column 14: for: bad duration \"5x\": use Prometheus durations such as 30s, 5m, 1h or 1h30m",
                "f.yaml: group \"g\", rule \"Logs\", line 12, column 15: expr: must be a metric query such as sum by (model_name) (count_over_time({level=\"ERROR\"}[1m])) > 10, not a log query",
                "f.yaml: group \"g\", line 13, column 11: duplicate group name \"g\" (first at line 2)",
                "f.yaml: group \"g\", line 14, column 15: interval: bad duration \"90\": use Prometheus durations such as 30s, 5m, 1h or 1h30m");
    }

    @Test
    void compoundDurationsTemplatesAndDefaultsAreRead() {
        String text = """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: sum by (model_name) (rate({level="ERROR"}[5m])) > 1
                        for: 1h30m
                        labels: {severity: warning}
                        annotations:
                          summary: "{{ $labels.model_name }} at {{ $value }}"
                """;
        RuleGroup group = parser.parse("f.yaml", text).get(0);
        assertThat(group.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(group.rules().get(0).forDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(group.rules().get(0).annotations()).containsEntry("summary", "{{ $labels.model_name }} at {{ $value }}");
    }

    @Test
    void anUnsupportedTemplateAndAYamlSyntaxErrorAreRefused() {
        String template = """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: count_over_time({level="ERROR"}[1m]) > 1
                        annotations:
                          summary: "x {{ .Labels.model }}"
                """;
        RuleError error = catchThrowableOfType(RuleFileException.class, () -> parser.parse("f.yaml", template)).errors().get(0);
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.column()).isEqualTo(23);
        assertThat(error.message()).contains("unsupported template action");

        RuleError syntax = catchThrowableOfType(RuleFileException.class, () -> parser.parse("f.yaml", "groups:\n  - name: [g\n")).errors().get(0);
        assertThat(syntax.message()).startsWith("YAML syntax:");
        assertThat(syntax.line()).isGreaterThanOrEqualTo(2);
    }

    static char charAt(String text, int line, int column) {
        return text.split("\n", -1)[line - 1].charAt(column - 1);
    }
}
