package io.tritonlogs.query.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Loki on a loopback port nobody listens on, and no Prometheus configured. */
@QuarkusTest
@TestProfile(UnreachableLokiTests.NoLoki.class)
class UnreachableLokiTests {

    public static class NoLoki implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loki.url", "http://127.0.0.1:9", "prometheus.url", "", "loki.connect-timeout", "2s");
        }
    }

    @Test
    void everyLokiBackedEndpointAnswers503() {
        for (String path : new String[] {"/api/v1/logs", "/api/v1/logs/errors", "/api/v1/logs/warnings", "/api/v1/stats/levels",
                "/api/v1/stats/models", "/api/v1/stats/rate", "/api/v1/models", "/api/v1/labels", "/api/v1/labels/level/values",
                "/api/v1/presets/errors", "/api/v1/correlate"}) {
            given().get(path).then().statusCode(503).contentType("application/problem+json")
                    .body("title", equalTo("Loki unavailable")).body("detail", containsString("127.0.0.1:9"));
        }
        given().contentType(ContentType.JSON).body(Map.of("query", "{a=\"b\"}")).post("/api/v1/query").then().statusCode(503);
        given().contentType(ContentType.JSON).body(Map.of("query", "{a=\"b\"}")).post("/api/v1/query_range").then().statusCode(503);
        given().accept("text/event-stream").get("/api/v1/tail").then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void validateAndPresetsListNeedNoLoki() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{a=\"b\"}")).post("/api/v1/query/validate")
                .then().statusCode(200).body("valid", equalTo(true));
        given().get("/api/v1/presets").then().statusCode(200);
    }
}
