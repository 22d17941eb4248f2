package io.tritonlogs.query.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.SelectorRewriter;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.LokiQueryStandIn.Answer;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(AuthProfile.class)
@WithTestResource(StandInLokiResource.class)
class AccessControlTests {

    static final String EMPTY_STREAMS = LokiQueryStandIn.recorded("query_range-seed-error-regex-misses-glog").body();
    static final String EMPTY_VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    static final String EMPTY_MATRIX = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
    static final Matcher TEAM_A = Matcher.eq("namespace", "team-a");

    static LokiQueryStandIn loki() {
        return StandInLokiResource.loki();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @BeforeEach
    void reset() {
        StandInLokiResource.resetAll();
        // The stand-in evaluates nothing: streams for log queries, vectors for instant metric queries, matrices for range ones.
        loki().answer(r -> true, Answer.json(200, EMPTY_STREAMS));
        loki().answer(r -> r.path().endsWith("/query") && r.query() != null && r.query().contains("("), Answer.json(200, EMPTY_VECTOR));
        loki().answer(r -> r.path().endsWith("/query_range") && r.query() != null && r.query().contains("("), Answer.json(200, EMPTY_MATRIX));
    }

    @Test
    void missingOrUnknownTokensAre401Problems() {
        var missing = given().get("/api/v1/logs").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("needs a token")).extract();
        assertThat(missing.headers().getValues("WWW-Authenticate")).containsExactly("Bearer realm=\"triton-logs\"", "Basic realm=\"triton-logs\"");
        as("not-a-token").get("/api/v1/logs").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic " + AuthProfile.OPS).get("/api/v1/presets").then().statusCode(401);
        as(AuthProfile.TEAM_A + "x").get("/api/v1/presets").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("query", "{a=\"b\"}")).post("/api/v1/query").then().statusCode(401);
        assertThat(loki().requests()).isEmpty();
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void anUnscopedTokenReadsEverything() {
        as(AuthProfile.OPS).queryParam("namespace", "team-b").get("/api/v1/logs").then().statusCode(200)
                .body("query", equalTo("{namespace=\"team-b\"}"));
    }

    @Test
    void structuredRequestsOutsideTheScopeAre403() {
        for (String path : List.of("/api/v1/logs", "/api/v1/logs/errors", "/api/v1/stats/levels", "/api/v1/stats/models",
                "/api/v1/stats/rate", "/api/v1/models", "/api/v1/correlate", "/api/v1/presets/errors", "/api/v1/tail")) {
            as(AuthProfile.TEAM_A).queryParam("namespace", "team-b").get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("namespace=\"team-a\""));
        }
        assertThat(loki().requests()).isEmpty();
        assertThat(StandInLokiResource.tail().requests()).isEmpty();
    }

    @Test
    void structuredRequestsGetTheForcedMatchers() {
        as(AuthProfile.TEAM_A).queryParam("container", "triton").get("/api/v1/logs").then().statusCode(200)
                .body("query", equalTo("{namespace=\"team-a\", container=\"triton\"}"));
        as(AuthProfile.TEAM_A).get("/api/v1/logs/errors").then().statusCode(200)
                .body("query", equalTo("{namespace=\"team-a\", level=~\"ERROR|FATAL\"}"));
        as(AuthProfile.TEAM_A).queryParam("namespace", "team-a").get("/api/v1/stats/levels").then().statusCode(200)
                .body("query", equalTo("sum by (level) (count_over_time({namespace=\"team-a\"} [5m]))"));
        as(AuthProfile.TEAM_A).get("/api/v1/presets/gpu-cuda").then().statusCode(200)
                .body("query", equalTo("{namespace=\"team-a\", container=~\".+\"} |~ \"(?i)(cuda|gpu|nvml|out of memory)\""));
        as(AuthProfile.TEAM_A).get("/api/v1/correlate").then().statusCode(200)
                .body("lokiQuery", containsString("{namespace=\"team-a\", container=~\".+\""));
        as(AuthProfile.TEAM_A).get("/api/v1/stats/rate").then().statusCode(200)
                .body("query", containsString("rate({namespace=\"team-a\", container=~\".+\"}"));
        as(AuthProfile.TEAM_A).get("/api/v1/models").then().statusCode(200)
                .body("query", containsString("{namespace=\"team-a\", container=~\".+\", model_name!=\"\"}"));
        assertThat(loki().requests()).hasSize(7).allSatisfy(r -> assertOnlyTeamA(r.query()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{namespace=\"team-b\"}",
        "{namespace=~\"team-.*\", container=\"triton\"}",
        "{namespace!=\"team-a\", container=\"triton\"}",
        "{namespace=~\".+\"}",
        "{container=\"triton\", namespace=\"team-a\", namespace=\"team-b\"}",
        "{container=\"triton\"} | namespace=\"team-b\"",
        "{container=\"triton\"} | label_format namespace=\"team-b\"",
        "sum by (namespace) (count_over_time({namespace=\"team-b\"} [5m]))",
        "sum(rate({namespace=\"team-b\"}[1m])) / sum(rate({namespace=\"team-c\"}[1m]))",
        "sum(rate({container=\"x\"}[1m])) or on() sum(rate({namespace=\"team-b\"}[1m]))",
        "label_replace(sum(count_over_time({namespace=\"team-b\"}[1m])), \"namespace\", \"team-a\", \"\", \"\")",
        "topk(3, sum by (pod) (rate({namespace=~\"team-b|team-a\"} |= \"x\" [5m])))",
        "count_over_time({namespace=\"team-b\"} |~ \"\\\"} or {namespace=\\\"team-c\" [1m]) > 0"
    })
    void rawLogqlCanNeverReadAnotherNamespace(String hostile) {
        as(AuthProfile.TEAM_A).contentType(ContentType.JSON).body(Map.of("query", hostile, "since", "1h"))
                .post("/api/v1/query_range").then().statusCode(200);
        as(AuthProfile.TEAM_A).contentType(ContentType.JSON).body(Map.of("query", hostile))
                .post("/api/v1/query").then().statusCode(200);
        as(AuthProfile.TEAM_A).contentType(ContentType.JSON).body(Map.of("query", hostile))
                .post("/api/v1/query/validate").then().statusCode(200).body("runs", containsString("namespace=\"team-a\""));
        assertThat(loki().requests()).hasSize(2).allSatisfy(r -> assertOnlyTeamA(r.query()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{namespace=\"team-b\"}",
        "{namespace=~\".+\"}",
        "{namespace=~\"team-a|team-b\", container=\"triton\"}",
        "{__name__=~\".*\", container=\"triton\"}",
        "sum(rate({container=\"x\"}[1m])) or on() sum(rate({namespace=\"team-b\"}[1m]))",
        "sum(rate({namespace=\"team-a\"}[1m])) unless sum(rate({namespace=\"team-b\"}[1m]))",
        "count_over_time({namespace=\"team-b\"} |~ \"\\\"} or {namespace=\\\"team-c\" [1m]) > 0"
    })
    void lokisReadApiForcesTheScopeIntoRawLogqlToo(String hostile) {
        as(AuthProfile.TEAM_A).queryParam("query", hostile).get("/loki/api/v1/query_range").then().statusCode(200);
        as(AuthProfile.TEAM_A).queryParam("query", hostile).get("/loki/api/v1/query").then().statusCode(200);
        as(AuthProfile.TEAM_A).contentType("application/x-www-form-urlencoded").formParam("query", hostile)
                .post("/loki/api/v1/query_range").then().statusCode(200);
        assertThat(loki().requests()).hasSize(3).allSatisfy(r -> assertOnlyTeamA(r.query()));
    }

    @Test
    void lokisReadApiNeverLetsTheCallerPickTheTenantOrWidenListings() {
        as(AuthProfile.TEAM_A).header("X-Scope-OrgID", "team-b").queryParam("query", "{namespace=\"team-b\"}")
                .queryParam("X-Scope-OrgID", "team-b").queryParam("unknown", "x").get("/loki/api/v1/query_range").then().statusCode(200);
        assertThat(loki().requests()).singleElement().satisfies(r -> {
            assertThat(r.header("X-Scope-OrgID")).isNull();
            assertThat(r.params()).containsOnlyKeys("query");
        });
        loki().answer(r -> !r.path().endsWith("query_range"), Answer.json(200, "{\"status\":\"success\",\"data\":[]}"));
        as(AuthProfile.TEAM_A).get("/loki/api/v1/labels").then().statusCode(200);
        as(AuthProfile.TEAM_A).get("/loki/api/v1/label/namespace/values").then().statusCode(200);
        as(AuthProfile.TEAM_A).queryParam("match", "{}").get("/loki/api/v1/series").then().statusCode(200);
        as(AuthProfile.TEAM_A).queryParam("match[]", "{pod=~\".+\"}").get("/loki/api/v1/series").then().statusCode(200);
        as(AuthProfile.TEAM_A).get("/loki/api/v1/index/stats").then().statusCode(200);
        as(AuthProfile.TEAM_A).get("/loki/api/v1/detected_labels").then().statusCode(200);
        var listings = loki().requests().subList(1, 7);
        assertThat(listings).extracting(r -> r.path()).containsExactly("/loki/api/v1/labels", "/loki/api/v1/label/namespace/values",
                "/loki/api/v1/series", "/loki/api/v1/series", "/loki/api/v1/index/stats", "/loki/api/v1/detected_labels");
        assertThat(listings).allSatisfy(r -> assertOnlyTeamA(r.query() != null ? r.query() : r.param("match[]")));
    }

    @Test
    void lokisReadApiRefusesWhatItDoesNotServe() {
        as(AuthProfile.OPS).queryParam("query", "{a=\"" + "b".repeat(40_000) + "\"}").get("/loki/api/v1/query_range").then()
                .statusCode(400).contentType("text/plain").body(containsString("query.limits.max-query-length"));
        as(AuthProfile.TEAM_A).contentType("application/x-www-form-urlencoded").formParam("query", "{a=\"" + "b".repeat(40_000) + "\"}")
                .post("/loki/api/v1/query").then().statusCode(400).body(containsString("at most 32768"));
        as(AuthProfile.TEAM_A).queryParam("query", "{namespace=\"team-b\"").get("/loki/api/v1/query_range").then()
                .statusCode(400).contentType("text/plain").body(containsString("parse error at line 1, col 20"));
        as(AuthProfile.TEAM_A).get("/loki/api/v1/query_range").then().statusCode(400).body(containsString("query is required"));
        as(AuthProfile.TEAM_A).get("/loki/api/v1/label/bad-name/values").then().statusCode(400);
        as(AuthProfile.OPS).contentType("application/x-protobuf").body(new byte[] {1}).post("/loki/api/v1/push").then().statusCode(405);
        as(AuthProfile.OPS).get("/loki/api/v1/delete").then().statusCode(403);
        as(AuthProfile.OPS).get("/loki/api/v1/index/shards").then().statusCode(404);
        given().get("/loki/api/v1/labels").then().statusCode(401).contentType("text/plain").body(containsString("needs a token"));
        given().header("Authorization", io.tritonlogs.query.lokiapi.TwoTeams.basic("ops", AuthProfile.TEAM_A))
                .get("/loki/api/v1/labels").then().statusCode(401);
        given().header("Authorization", io.tritonlogs.query.lokiapi.TwoTeams.basic("ops", AuthProfile.OPS))
                .queryParam("query", "{a=\"b\"}").get("/loki/api/v1/query_range").then().statusCode(200);
        assertThat(loki().requests()).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("{a=\"b\"}"));
    }

    @Test
    void scopedLabelsComeFromTheSeriesOfTheForcedSelector() {
        loki().answer(r -> r.path().equals("/loki/api/v1/series"), LokiQueryStandIn.recorded("series"));
        as(AuthProfile.TEAM_A).get("/api/v1/labels").then().statusCode(200)
                .body("labels", org.hamcrest.Matchers.contains("container", "level", "model_name", "service", "service_name", "stream"));
        as(AuthProfile.TEAM_A).get("/api/v1/labels/model_name/values").then().statusCode(200)
                .body("values", org.hamcrest.Matchers.hasItems("densenet_onnx", "whisper_small"));
        assertThat(loki().requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/loki/api/v1/series");
            assertThat(r.param("match[]")).isEqualTo("{namespace=\"team-a\"}");
        });
    }

    @Test
    void tailIsScopedToo() throws Exception {
        StandInLokiResource.tail().script(List.of());
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/api/v1/tail?container=triton"))
                .header("Authorization", "Bearer " + AuthProfile.TEAM_A).header("Accept", "text/event-stream").build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            assertThat(response.statusCode()).as(new String(response.body().readAllBytes())).isEqualTo(200);
        }
        response.body().close();
        assertThat(StandInLokiResource.tail().requests()).singleElement()
                .satisfies(p -> assertThat(p.get("query")).isEqualTo("{namespace=\"team-a\", container=\"triton\"}"));
    }

    /** Every stream selector of the query Loki received has exactly one namespace matcher: namespace="team-a". */
    static void assertOnlyTeamA(String sent) {
        ParseResult parsed = LogqlParser.parse(sent);
        assertThat(parsed.ok()).as("sent query parses: %s", sent).isTrue();
        List<Selector> selectors = SelectorRewriter.selectors(((ParseResult.Parsed) parsed).expr());
        assertThat(selectors).isNotEmpty().allSatisfy(s -> assertThat(s.matchers().stream().filter(m -> m.name().equals("namespace")))
                .as("namespace matchers of %s", sent).containsExactly(TEAM_A));
    }
}
