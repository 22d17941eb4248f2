package io.tritonlogs.query;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged query-service (the JVM jar; with -Dnative, the native executable) answers what a native image
 * could get wrong: problems are Response entities, which Quarkus does not register on its own.
 * docs/native.md says what has and has not been run natively.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServiceIT.Config.class)
class PackagedServiceIT {

    /** Loki on a closed loopback port: nothing here reaches it. */
    public static class Config implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("loki.url", "http://127.0.0.1:9");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void validatesLogqlAndAnswersProblemsAsJson() {
        given().get("/q/health/live").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"triton\"} | json"))
                .post("/api/v1/query/validate").then().statusCode(200).body("valid", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"a\"}\n  |= \"x\" | json | foo="))
                .post("/api/v1/query/validate").then().statusCode(400).contentType("application/problem+json")
                .body("line", equalTo(2)).body("status", equalTo(400));
    }
}
