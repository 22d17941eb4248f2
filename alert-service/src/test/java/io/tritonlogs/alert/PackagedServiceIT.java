package io.tritonlogs.alert;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The packaged alert-service (the JVM jar; with -Dnative, the native executable) answers what a native image
 * could get wrong: the built-in rules read from the class path, JSON written from Response entities and
 * problems. docs/native.md says what has and has not been run natively.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServiceIT.Config.class)
class PackagedServiceIT {

    /** No rules directory (so the built-in rules load), state under target/, Loki on a closed loopback port. */
    public static class Config implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("alert.data-dir", Path.of("target", "it-data").toAbsolutePath().toString(),
                    "loki.url", "http://127.0.0.1:9");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void liveWithTheBuiltInRulesFromTheClassPath() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/v1/rules").then().statusCode(200).body("groups.file", hasItem(containsString("triton.yaml")));
    }

    @Test
    void responseEntitiesAndProblemsAreJson() {
        given().get("/api/v1/deliveries").then().statusCode(200).body("pending", notNullValue()).body("deliveries", notNullValue());
        given().post("/api/v1/receivers/no-such-receiver/test").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/prometheus/api/v1/rules").then().statusCode(200).body("status", equalTo("success"));
        given().get("/prometheus/api/v1/rules?type=bogus").then().statusCode(400).body("errorType", equalTo("bad_data"));
    }
}
