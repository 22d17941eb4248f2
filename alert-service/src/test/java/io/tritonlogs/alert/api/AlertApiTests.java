package io.tritonlogs.alert.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.alert.delivery.Deliverer;
import io.tritonlogs.alert.engine.AlertEngine;
import io.tritonlogs.alert.testing.AlertServiceTestResource;
import io.tritonlogs.alert.testing.LokiVectors;
import io.tritonlogs.alert.testing.TestClockProducer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(AlertServiceTestResource.class)
class AlertApiTests {

    @Inject
    AlertEngine engine;
    @Inject
    Deliverer deliverer;

    @BeforeEach
    void reset() {
        AlertServiceTestResource.loki().reset();
        AlertServiceTestResource.receiver().reset();
        TestClockProducer.CLOCK.advance(Duration.ofHours(1)); // every group is due again
    }

    @Test
    void evaluationFiresAnAlertThatIsListedDeliveredAndCounted() {
        AlertServiceTestResource.loki().answer(r -> r.path().equals("/loki/api/v1/query"),
                LokiVectors.vector(1795534410.727, Map.of("model_name", "resnet"), "12"));
        assertThat(engine.evaluateDue(TestClockProducer.CLOCK.instant())).isEqualTo(1);
        deliverer.deliverDue(TestClockProducer.CLOCK.instant());

        given().get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.name == 'ApiErrorBurst' }.state", equalTo("firing"))
                .body("find { it.name == 'ApiErrorBurst' }.labels.model_name", equalTo("resnet"))
                .body("find { it.name == 'ApiErrorBurst' }.annotations.summary", equalTo("12 errors for resnet"));
        given().get("/api/v1/rules").then().statusCode(200)
                .body("groups[0].name", equalTo("api-group"))
                .body("groups[0].interval", equalTo("1m"))
                .body("groups[0].rules[0].health", equalTo("ok"))
                .body("groups[0].rules[0].firing", equalTo(1));
        assertThat(AlertServiceTestResource.receiver().accepted()).singleElement()
                .satisfies(r -> assertThat(r.json().path("alerts").get(0).path("labels").path("model_name").asText()).isEqualTo("resnet"));
        given().get("/api/v1/deliveries").then().statusCode(200)
                .body("pending", equalTo(0))
                .body("deliveries.outcome", hasItem("delivered"));
        given().queryParam("limit", "abc").get("/api/v1/deliveries").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit: \"abc\""));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("alert_evaluations_total{group=\"api-group\""))
                .body(containsString("alert_notifications_sent_total{receiver=\"oncall\"}"))
                .body(containsString("alert_evaluation_duration_seconds"));
    }

    @Test
    void eachGroupIsEvaluatedOncePerInterval() {
        AlertServiceTestResource.loki().answer(r -> true, LokiVectors.empty());
        var now = TestClockProducer.CLOCK.instant();
        assertThat(engine.evaluateDue(now)).isEqualTo(1);
        assertThat(engine.evaluateDue(now.plusSeconds(59))).isZero();
        assertThat(engine.evaluateDue(now.plusSeconds(60))).isEqualTo(1);
        assertThat(AlertServiceTestResource.loki().requests("/loki/api/v1/query")).hasSize(2);
    }

    @Test
    void aLokiFailureMarksTheRuleErrAndIsCounted() {
        AlertServiceTestResource.loki().answer(r -> true, io.tritonlogs.common.testing.LokiQueryStandIn.recorded("error-parse"));
        engine.evaluateDue(TestClockProducer.CLOCK.instant());
        given().get("/api/v1/rules").then().statusCode(200)
                .body("groups[0].rules[0].health", equalTo("err"))
                .body("groups[0].rules[0].lastError", startsWith("Loki answered 400: parse error"));
        given().get("/q/metrics").then().body(containsString("alert_evaluation_failures_total{group=\"api-group\",rule=\"ApiErrorBurst\"}"));
    }

    @Test
    void validateAcceptsAGoodFileAndRefusesABadOneWithItsPosition() {
        given().contentType("application/yaml").body(yaml(AlertServiceTestResource.RULES))
                .post("/api/v1/rules/validate").then().statusCode(200)
                .body("valid", equalTo(true)).body("rules", equalTo(1));
        given().contentType("application/yaml").queryParam("file", "rules/triton.yaml")
                .body(yaml(AlertServiceTestResource.RULES.replace("interval: 1m", "interval: 1x")))
                .post("/api/v1/rules/validate").then().statusCode(400)
                .contentType("application/problem+json")
                .body("file", equalTo("rules/triton.yaml"))
                .body("group", equalTo("api-group"))
                .body("line", equalTo(3))
                .body("column", equalTo(15))
                .body("detail", startsWith("rules/triton.yaml: group \"api-group\", line 3, column 15: interval: bad duration \"1x\""));
        given().contentType("application/yaml")
                .body(yaml(AlertServiceTestResource.RULES.replace("> 10", "> 10 )")))
                .post("/api/v1/rules/validate").then().statusCode(400)
                .body("rule", equalTo("ApiErrorBurst"))
                .body("line", equalTo(6))
                .body("errors[0].message", startsWith("expr: "));
    }

    @Test
    void aBadFileOnReloadIsReportedWhileThePreviousRulesKeepRunning() throws Exception {
        var file = AlertServiceTestResource.rulesDir().resolve("triton.yaml");
        try {
            Files.writeString(file, AlertServiceTestResource.RULES.replace("alert: ApiErrorBurst", "alert: ApiErrorBurst\n        bogus: 1"));
            given().post("/api/v1/rules/reload").then().statusCode(200)
                    .body("refused.'triton.yaml'[0].line", equalTo(6))
                    .body("refused.'triton.yaml'[0].message", startsWith("field \"bogus\" not found"));
            given().get("/api/v1/rules").then().statusCode(200)
                    .body("groups[0].rules[0].name", equalTo("ApiErrorBurst"))
                    .body("refused.'triton.yaml'[0].rule", equalTo("ApiErrorBurst"));
            given().get("/q/metrics").then().body(containsString("alert_rule_files_refused 1.0"));
        } finally {
            Files.writeString(file, AlertServiceTestResource.RULES);
            given().post("/api/v1/rules/reload").then().statusCode(200).body("rules", equalTo(1));
        }
    }

    static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aReceiverCanBeTestFired() {
        given().post("/api/v1/receivers/oncall/test").then().statusCode(200).body("outcome", equalTo("test")).body("httpStatus", equalTo(200));
        assertThat(AlertServiceTestResource.receiver().accepted()).singleElement()
                .satisfies(r -> assertThat(r.json().path("alerts").get(0).path("labels").path("alertname").asText()).isEqualTo("TestAlert"));
        AlertServiceTestResource.receiver().answerWith(() -> 500);
        given().post("/api/v1/receivers/oncall/test").then().statusCode(502).body("httpStatus", equalTo(500));
        given().post("/api/v1/receivers/nobody/test").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("nobody"));
    }
}
