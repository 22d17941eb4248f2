package io.tritonlogs.query.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.query.testing.Replays;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(StandInLokiResource.class)
class RawQueryResourceTests {

    static LokiQueryStandIn loki() {
        return StandInLokiResource.loki();
    }

    @BeforeEach
    void reset() {
        StandInLokiResource.resetAll();
    }

    @Test
    void instantQueryAnswersLokisData() {
        Replays.replaySameLogql(loki(), "query-instant-error-count");
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "sum(count_over_time({container=\"triton_server\",level=\"ERROR\"}[1d]))", "time", "1795534410727961856"))
                .post("/api/v1/query")
                .then().statusCode(200)
                .body("resultType", equalTo("vector")).body("result[0].value[1]", equalTo("35"));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.path()).isEqualTo("/loki/api/v1/query");
        assertThat(sent.query()).isEqualTo("sum(count_over_time({container=\"triton_server\", level=\"ERROR\"} [1d]))");
        assertThat(sent.param("time")).isEqualTo("1795534410727961856");
    }

    @Test
    void rangeQueryAnswersLokisStreams() {
        loki().replay("query_range-all-logs");
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "{container = \"triton_server\"}", "start", "1795534408363961856", "end", "1795534410727961856",
                        "limit", 5, "direction", "backward"))
                .post("/api/v1/query_range")
                .then().statusCode(200)
                // Loki 3 returns a stream per distinct structured metadata (here source) unless asked to categorize labels
                .body("resultType", equalTo("streams")).body("result", hasSize(5))
                .body("result.values.flatten()", org.hamcrest.Matchers.hasItem(containsString("All models are stopped")));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.query()).isEqualTo("{container=\"triton_server\"}");
        assertThat(sent.param("limit")).isEqualTo("5");
        assertThat(sent.param("start")).isEqualTo("1795534408363961856");
        assertThat(sent.param("step")).isNull();
    }

    @Test
    void metricRangeQueryGetsAStep() {
        Replays.replaySameLogql(loki(), "query_range-rate-by-level-matrix");
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "sum by (level) (rate({container=\"triton_server\"}[5m]))", "start", "1795534408363961856",
                        "end", "1795534410727961856", "step", "300"))
                .post("/api/v1/query_range")
                .then().statusCode(200).body("resultType", equalTo("matrix")).body("result", hasSize(3));
        assertThat(loki().requests().get(0).param("step")).isEqualTo("300");
    }

    @Test
    void badLogqlIs400WithLineAndColumnAndNeverReachesLoki() {
        String query = "sum(count_over_time({container=\"triton_server\"} |~ \"ERROR\" [1h]";
        given().contentType(ContentType.JSON).body(Map.of("query", query)).post("/api/v1/query")
                .then().statusCode(400).contentType("application/problem+json")
                .body("line", equalTo(1)).body("column", equalTo(64)).body("parameter", equalTo("query"))
                .body("detail", containsString("line 1, column 64"));
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"a\"}\n  |= \"x\" | json | foo=")).post("/api/v1/query/validate")
                .then().statusCode(400).contentType("application/problem+json").body("line", equalTo(2));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void validateAnswersCanonicalFormAndWarnings() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"triton\"} | json |~ \".*\""))
                .post("/api/v1/query/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("canonical", equalTo("{container=\"triton\"} | json |~ \".*\""))
                .body("runs", equalTo("{container=\"triton\"} | json |~ \".*\""))
                .body("warnings.code", org.hamcrest.Matchers.hasItems("line-filter-after-parser", "catch-all-line-regex"));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void rangesOverTheLimitAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("query", "sum(count_over_time({container=\"triton\"} [60d]))"))
                .post("/api/v1/query").then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("rejected-query")).body("detail", containsString("60d"));
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"triton\"}", "since", "31d"))
                .post("/api/v1/query_range").then().statusCode(400).body("parameter", equalTo("since"));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void badBodiesAre400NotServerErrors() {
        given().contentType(ContentType.JSON).body("{\"query\": ").post("/api/v1/query")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"query\": \"{a=\\\"b\\\"}\", \"limit\": \"many\"}").post("/api/v1/query")
                .then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo("limit"));
        given().contentType(ContentType.JSON).body("[1,2]").post("/api/v1/query_range")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/query")
                .then().statusCode(400).body("parameter", equalTo("query"));
        given().contentType(ContentType.JSON).post("/api/v1/query/validate")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("{container=\"a\"}").post("/api/v1/query")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("query", "{a=\"b\"}", "direction", "up")).post("/api/v1/query")
                .then().statusCode(400).body("parameter", equalTo("direction"));
        given().contentType(ContentType.JSON).body(Map.of("query", "{a=\"b\"}", "time", "soon")).post("/api/v1/query")
                .then().statusCode(400).body("parameter", equalTo("time"));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void lokisOwnRejectionIsPassedOnAs400() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("error-parse"));
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"triton_server\"}")).post("/api/v1/query")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Loki rejected the query: parse error at line 1, col 64: syntax error: unexpected $end, expecting )"));
    }

    @Test
    void lokisReadApiWithoutAccessControlPassesTheCallersRequestAsItCame() {
        loki().answer(r -> true, LokiQueryStandIn.Answer.json(200, "{\"status\":\"success\",\"data\":[\"a\"]}"));
        given().header("X-Scope-OrgID", "tenant-1").header("X-Query-Tags", "Source=grafana").header("X-Query-Limits", "{}")
                .queryParam("query", "{a=\"b\"}   |=  \"x\"").queryParam("start", "1").queryParam("debug", "1")
                .get("/loki/api/v1/labels").then().statusCode(200).body(equalTo("{\"status\":\"success\",\"data\":[\"a\"]}"));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.path()).isEqualTo("/loki/api/v1/labels");
        assertThat(sent.params()).containsOnly(java.util.Map.entry("query", "{a=\"b\"}   |=  \"x\""), java.util.Map.entry("start", "1"));
        assertThat(sent.header("X-Scope-OrgID")).isEqualTo("tenant-1");
        assertThat(sent.header("X-Query-Tags")).isEqualTo("Source=grafana");
        assertThat(sent.header("X-Query-Limits")).as("a caller never raises Loki's limits").isNull();
    }
}
