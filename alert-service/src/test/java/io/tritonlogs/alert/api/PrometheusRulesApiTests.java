package io.tritonlogs.alert.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.alert.delivery.Deliverer;
import io.tritonlogs.alert.engine.AlertEngine;
import io.tritonlogs.alert.notify.NotificationDispatch;
import io.tritonlogs.alert.testing.AlertServiceTestResource;
import io.tritonlogs.alert.testing.LokiVectors;
import io.tritonlogs.alert.testing.TestClockProducer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code /prometheus/api/v1/rules} and {@code /alerts} in the format of Loki's ruler, after a real
 * evaluation (Loki answers from the query stand-in) of a second rule file: one rule firing, one
 * pending (its {@code for} not yet over), one inactive.
 */
@QuarkusTest
@WithTestResource(AlertServiceTestResource.class)
class PrometheusRulesApiTests {

    static final String RULES = """
            groups:
              - name: prom-group
                interval: 30s
                rules:
                  - alert: PromFiring
                    expr: sum by (model_name) (count_over_time({service="prom-firing", level="ERROR"}[1m])) > 1
                    labels: {severity: critical}
                    annotations: {summary: "{{ $value }} errors for {{ $labels.model_name }}"}
                  - alert: PromPending
                    expr: sum by (model_name) (count_over_time({service="prom-pending", level="ERROR"}[1m])) > 1
                    for: 5m
                    keep_firing_for: 1m
                  - alert: PromInactive
                    expr: sum by (model_name) (count_over_time({service="prom-inactive", level="ERROR"}[1m])) > 1
            """;

    @Inject
    AlertEngine engine;
    @Inject
    NotificationDispatch dispatch;
    @Inject
    Deliverer deliverer;

    Path file;
    Instant evaluatedAt;

    @BeforeEach
    void evaluate() throws Exception {
        AlertServiceTestResource.loki().reset();
        AlertServiceTestResource.receiver().reset();
        file = AlertServiceTestResource.rulesDir().resolve("prom.yaml");
        Files.writeString(file, RULES);
        engine.reloadRules();
        var loki = AlertServiceTestResource.loki();
        loki.answer(r -> true, LokiVectors.empty());
        loki.answer(r -> r.query() != null && r.query().contains("prom-firing"), LokiVectors.vector(1795534410.727, Map.of("model_name", "resnet"), "12"));
        loki.answer(r -> r.query() != null && r.query().contains("prom-pending"), LokiVectors.vector(1795534410.727, Map.of("model_name", "bert"), "3"));
        TestClockProducer.CLOCK.advance(Duration.ofHours(1)); // every group is due again
        evaluatedAt = TestClockProducer.CLOCK.instant();
        engine.evaluateDue(evaluatedAt);
    }

    /** Without the file its alerts are gone: their notifications are flushed here, not into another test's receiver. */
    @AfterEach
    void removeFile() throws Exception {
        Files.deleteIfExists(file);
        engine.reloadRules();
        Instant now = TestClockProducer.CLOCK.instant();
        dispatch.dispatch(now);
        deliverer.deliverDue(now);
        AlertServiceTestResource.receiver().reset();
    }

    @Test
    void rulesAreListedWithStateHealthAndAlertsInTheRulersFormat() {
        String at = evaluatedAt.toString();
        given().get("/prometheus/api/v1/rules").then().statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("success"))
                .body("data.groups.name", contains("prom-group", "api-group"))
                .body("data.groups[0].file", equalTo("prom.yaml"))
                .body("data.groups[0].interval", equalTo(30.0f))
                .body("data.groups[0].lastEvaluation", equalTo(at))
                .body("data.groups[0].rules.name", contains("PromFiring", "PromPending", "PromInactive"))
                .body("data.groups[0].rules.type", contains("alerting", "alerting", "alerting"))
                .body("data.groups[0].rules.health", contains("ok", "ok", "ok"))
                .body("data.groups[0].rules.state", contains("firing", "pending", "inactive"))
                .body("data.groups[0].rules.lastError", contains("", "", ""))
                .body("data.groups[0].rules.lastEvaluation", contains(at, at, at))
                // firing
                .body("data.groups[0].rules[0].query", equalTo("sum by (model_name) (count_over_time({service=\"prom-firing\", level=\"ERROR\"}[1m])) > 1"))
                .body("data.groups[0].rules[0].duration", equalTo(0.0f))
                .body("data.groups[0].rules[0].labels", equalTo(Map.of("severity", "critical")))
                .body("data.groups[0].rules[0].annotations.summary", equalTo("{{ $value }} errors for {{ $labels.model_name }}"))
                .body("data.groups[0].rules[0].alerts", hasSize(1))
                .body("data.groups[0].rules[0].alerts[0].state", equalTo("firing"))
                .body("data.groups[0].rules[0].alerts[0].labels", equalTo(Map.of("alertname", "PromFiring", "severity", "critical", "model_name", "resnet")))
                .body("data.groups[0].rules[0].alerts[0].annotations", equalTo(Map.of("summary", "12 errors for resnet")))
                .body("data.groups[0].rules[0].alerts[0].activeAt", equalTo(at))
                .body("data.groups[0].rules[0].alerts[0].value", equalTo("1.2e+01"))
                .body("data.groups[0].rules[0].alerts[0]", not(org.hamcrest.Matchers.hasKey("keepFiringSince")))
                // pending: for 5m has not passed
                .body("data.groups[0].rules[1].duration", equalTo(300.0f))
                .body("data.groups[0].rules[1].keepFiringFor", equalTo(60.0f))
                .body("data.groups[0].rules[1].alerts[0].state", equalTo("pending"))
                .body("data.groups[0].rules[1].alerts[0].labels.model_name", equalTo("bert"))
                .body("data.groups[0].rules[1].alerts[0].value", equalTo("3e+00"))
                // inactive
                .body("data.groups[0].rules[2].alerts", empty())
                .body("data.groups[1].rules[0].name", equalTo("ApiErrorBurst"));
    }

    @Test
    void filtersAreThoseOfPrometheusAndOfLoki() {
        given().queryParam("type", "record").get("/prometheus/api/v1/rules").then().statusCode(200)
                .body("data.groups", empty());
        given().queryParam("type", "alert").queryParam("rule_name[]", "PromPending").get("/prometheus/api/v1/rules").then().statusCode(200)
                .body("data.groups.name", contains("prom-group"))
                .body("data.groups[0].rules.name", contains("PromPending"));
        given().queryParam("rule_group[]", "api-group").get("/prometheus/api/v1/rules").then().statusCode(200)
                .body("data.groups.name", contains("api-group"));
        given().queryParam("file", "prom.yaml").queryParam("rule_name", "PromFiring", "PromInactive").get("/prometheus/api/v1/rules").then()
                .statusCode(200)
                .body("data.groups.name", contains("prom-group"))
                .body("data.groups[0].rules.name", contains("PromFiring", "PromInactive"));
        given().queryParam("type", "bogus").get("/prometheus/api/v1/rules").then().statusCode(400)
                .body("status", equalTo("error"))
                .body("errorType", equalTo("bad_data"))
                .body("error", equalTo("not supported value \"bogus\""));
    }

    @Test
    void alertsListsPendingAndFiringAlertsOnly() {
        given().get("/prometheus/api/v1/alerts").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("data.alerts.labels.alertname", containsInAnyOrder("PromFiring", "PromPending"))
                .body("data.alerts.find { it.labels.alertname == 'PromFiring' }.state", equalTo("firing"))
                .body("data.alerts.find { it.labels.alertname == 'PromFiring' }.annotations.summary", equalTo("12 errors for resnet"))
                .body("data.alerts.find { it.labels.alertname == 'PromFiring' }.activeAt", equalTo(evaluatedAt.toString()))
                .body("data.alerts.find { it.labels.alertname == 'PromPending' }.state", equalTo("pending"))
                .body("data.alerts.find { it.labels.alertname == 'PromPending' }.value", equalTo("3e+00"))
                .body("data.alerts.find { it.labels.alertname == 'PromInactive' }", nullValue());
    }
}
