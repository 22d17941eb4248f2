package io.tritonlogs.query;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@io.quarkus.test.common.WithTestResource(io.tritonlogs.query.testing.StandInLokiResource.class)
class OperationsEndpointsTests {

    @Test
    void liveAndReadyHealthAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void openApiDocumentsEveryEndpointOfTheContract() {
        var paths = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths").keySet();
        org.assertj.core.api.Assertions.assertThat(paths).contains("/api/v1/logs", "/api/v1/logs/errors", "/api/v1/logs/warnings",
                "/api/v1/stats/levels", "/api/v1/stats/models", "/api/v1/stats/rate", "/api/v1/models", "/api/v1/presets",
                "/api/v1/presets/{name}", "/api/v1/query", "/api/v1/query_range", "/api/v1/query/validate", "/api/v1/labels",
                "/api/v1/labels/{name}/values", "/api/v1/tail", "/api/v1/correlate");
    }

    @Test
    void lokiRequestsAreTimedInMetrics() {
        io.tritonlogs.query.testing.StandInLokiResource.resetAll();
        io.tritonlogs.query.testing.StandInLokiResource.loki().answer(r -> true,
                io.tritonlogs.common.testing.LokiQueryStandIn.recorded("query_range-errors"));
        given().get("/api/v1/logs/errors").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("query_loki_request_seconds_count{endpoint=\"query_range\",outcome=\"success\"}"));
    }
}
