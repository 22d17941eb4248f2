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
}
