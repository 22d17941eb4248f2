package io.tritonlogs.query.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.Stage;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.LokiQueryStandIn.Answer;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(StandInLokiResource.class)
class LogsResourceTests {

    static LokiQueryStandIn loki() {
        return StandInLokiResource.loki();
    }

    @BeforeEach
    void reset() {
        StandInLokiResource.resetAll();
    }

    @Test
    void errorsShortcutQueriesTheLevelLabelAndShapesRecordedEntries() {
        loki().replay("query_range-errors");
        List<String> recorded = LokiQueryStandIn.recordedTimestampsNewestFirst("query_range-errors");
        long newest = Long.parseLong(recorded.get(0));
        given().queryParam("container", "triton_server").queryParam("limit", 5).queryParam("since", "15m")
                .get("/api/v1/logs/errors")
                .then().statusCode(200)
                .body("query", equalTo("{container=\"triton_server\", level=~\"ERROR|FATAL\"}"))
                .body("limit", equalTo(5)).body("direction", equalTo("backward"))
                .body("entries", hasSize(5))
                // newest first across streams
                .body("entries[0].timestampNanos", equalTo(recorded.get(0)))
                .body("entries[0].timestamp", equalTo(Instant.ofEpochSecond(newest / 1_000_000_000L, newest % 1_000_000_000L).toString()))
                .body("entries[0].labels.model_name", equalTo("simple_identity"))
                .body("entries[0].labels.level", equalTo("ERROR"))
                .body("entries[0].line", containsString("E 412 infer_handler.cc:773] \"[request id: 24196] inference failed"))
                .body("entries[0].parsed.level", equalTo("ERROR"))
                .body("entries[0].parsed.source", equalTo("infer_handler.cc:773"))
                .body("entries[0].parsed.message", containsString("[request id: 24196] inference failed for model 'simple_identity'"))
                .body("entries[0].parsed.model", equalTo("simple_identity"))
                .body("entries[1].timestampNanos", equalTo(recorded.get(1)))
                .body("entries[1].parsed.source", equalTo("backend_model_instance.cc:178"))
                .body("entries[1].parsed.model", nullValue())
                .body("entries[4].timestampNanos", equalTo(recorded.get(4)));

        LokiQueryStandIn.Request sent = loki().requests("/loki/api/v1/query_range").get(0);
        assertThat(sent.query()).isEqualTo("{container=\"triton_server\", level=~\"ERROR|FATAL\"}");
        assertThat(sent.param("limit")).isEqualTo("5");
        assertThat(sent.param("direction")).isEqualTo("backward");
        long start = Long.parseLong(sent.param("start"));
        long end = Long.parseLong(sent.param("end"));
        assertThat(end - start).isEqualTo(Duration.ofMinutes(15).toNanos());
    }

    @Test
    void searchByModelAndTextSendsTheRecordedQuery() {
        loki().replay("query_range-model");
        given().queryParam("container", "triton_server").queryParam("model", "resnet50").queryParam("contains", "load")
                .queryParam("start", "2026-11-25T08:00:00Z").queryParam("end", "1795608000")
                .get("/api/v1/logs")
                .then().statusCode(200)
                .body("query", equalTo("{container=\"triton_server\", model_name=\"resnet50\"} |= \"load\""))
                .body("start", equalTo("2026-11-25T08:00:00Z"))
                .body("end", equalTo(Instant.ofEpochSecond(1795608000L).toString()))
                .body("entries", hasSize(2))
                .body("entries[0].parsed.message", equalTo("successfully loaded 'resnet50'"))
                .body("entries[0].parsed.model", equalTo("resnet50"))
                .body("entries[1].parsed.message", equalTo("loading: resnet50:1"))
                .body("entries[1].parsed.source", equalTo("model_lifecycle.cc:472"));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.param("start")).isEqualTo(Long.toString(Instant.parse("2026-11-25T08:00:00Z").getEpochSecond() * 1_000_000_000L));
        assertThat(sent.param("end")).isEqualTo("1795608000000000000");
    }

    @Test
    void everyStructuredFilterBecomesAMatcherOrStageAndForwardSortsOldestFirst() {
        loki().replay("query_range-all-logs");
        List<String> recorded = LokiQueryStandIn.recordedTimestampsNewestFirst("query_range-all-logs");
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-all-logs"));
        given().queryParam("service", "triton").queryParam("namespace", "ml").queryParam("pod", "triton-0")
                .queryParam("level", "error").queryParam("level", "WARNING,fatal").queryParam("model", "resnet50")
                .queryParam("contains", "a").queryParam("contains", "b").queryParam("excludes", "health")
                .queryParam("regex", "(?i)cuda.*").queryParam("direction", "FORWARD").queryParam("end", "1795534410727961856")
                .queryParam("since", "1h30m")
                .get("/api/v1/logs")
                .then().statusCode(200)
                .body("query", equalTo("{service=\"triton\", namespace=\"ml\", pod=\"triton-0\", level=~\"ERROR|WARNING|FATAL\", "
                        + "model_name=\"resnet50\"} |= \"a\" |= \"b\" != \"health\" |~ \"(?i)cuda.*\""))
                .body("direction", equalTo("forward"))
                .body("entries[0].timestampNanos", equalTo(recorded.get(4)))
                .body("entries[4].timestampNanos", equalTo(recorded.get(0)));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.param("direction")).isEqualTo("forward");
        assertThat(sent.param("end")).isEqualTo("1795534410727961856");
        assertThat(Long.parseLong(sent.param("end")) - Long.parseLong(sent.param("start"))).isEqualTo(Duration.ofMinutes(90).toNanos());
    }

    @Test
    void noLabelMeansTheDefaultSelectorAndWarningsFixTheLevel() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-seed-error-regex-misses-glog"));
        given().get("/api/v1/logs").then().statusCode(200)
                .body("query", equalTo("{container=~\".+\"}")).body("limit", equalTo(100)).body("entries", hasSize(0));
        given().queryParam("level", "ERROR").get("/api/v1/logs/warnings").then().statusCode(200)
                .body("query", equalTo("{level=\"WARNING\"}"));
        assertThat(loki().requests()).extracting(LokiQueryStandIn.Request::query)
                .containsExactly("{container=~\".+\"}", "{level=\"WARNING\"}");
        long start = Long.parseLong(loki().requests().get(0).param("start"));
        long end = Long.parseLong(loki().requests().get(0).param("end"));
        assertThat(end - start).isEqualTo(Duration.ofHours(1).toNanos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\\", "\"} |= \"", "a\nb", "x\"} or {namespace=\"team-b", "`", "\\\"}"})
    void hostileValuesNeverChangeTheQueryShape(String hostile) {
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-seed-error-regex-misses-glog"));
        given().queryParam("container", hostile).queryParam("model", hostile).queryParam("contains", hostile)
                .queryParam("excludes", hostile)
                .get("/api/v1/logs").then().statusCode(200);
        String sent = loki().requests().get(0).query();
        ParseResult parsed = LogqlParser.parse(sent);
        assertThat(parsed.ok()).as("sent query %s parses", sent).isTrue();
        LogExpr expr = (LogExpr) ((ParseResult.Parsed) parsed).expr();
        assertThat(expr.selector().matchers()).containsExactly(Matcher.eq("container", hostile), Matcher.eq("model_name", hostile));
        assertThat(expr.stages()).hasSize(2);
        assertThat(((Stage.LineFilter) expr.stages().get(0)).alternatives().get(0).value()).isEqualTo(hostile);
        assertThat(((Stage.LineFilter) expr.stages().get(1)).alternatives().get(0).value()).isEqualTo(hostile);
    }

    @Test
    void badTimesLimitsAndValuesAnswer400ProblemsNamingTheParameter() {
        record Case(String param, String value, String named) {
        }
        List<Case> cases = List.of(
                new Case("start", "yesterday", "start"),
                new Case("end", "2024-13-45T00:00:00Z", "end"),
                new Case("since", "15 minutes", "since"),
                new Case("since", "400d", "since"),
                new Case("limit", "abc", "limit"),
                new Case("limit", "0", "limit"),
                new Case("limit", "5001", "limit"),
                new Case("direction", "sideways", "direction"),
                new Case("level", "CRITICAL", "level"),
                new Case("regex", "(unclosed", "regex"),
                // outside Loki's int64 nanoseconds (1677..2262) or before the epoch: a 400, never an overflow's 500
                new Case("end", "2300-01-02T00:00:00Z", "end"),
                new Case("end", "99999999999", "end"),
                new Case("start", "1969-12-31T23:59:59Z", "start"));
        for (Case c : cases) {
            given().log().ifValidationFails().queryParam(c.param(), c.value()).get("/api/v1/logs")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("parameter", equalTo(c.named()))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
        given().queryParam("start", "2026-01-02T00:00:00Z").queryParam("end", "2026-01-01T00:00:00Z").get("/api/v1/logs")
                .then().statusCode(400).body("parameter", equalTo("start")).body("detail", containsString("before"));
        given().queryParam("start", "2026-01-01T00:00:00Z").queryParam("since", "5m").get("/api/v1/logs")
                .then().statusCode(400).body("parameter", equalTo("since"));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void unixSecondsMillisecondsAndNanosecondsAreTheSameInstant() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-seed-error-regex-misses-glog"));
        for (String end : List.of("1795534410.5", "1795534410500", "1795534410500000000", "2026-11-24T15:33:30.5Z")) {
            given().queryParam("end", end).queryParam("since", "1m").get("/api/v1/logs").then().statusCode(200);
        }
        assertThat(loki().requests()).extracting(r -> r.param("end")).containsOnly(
                Long.toString(Instant.ofEpochSecond(1795534410L, 500_000_000L).getEpochSecond() * 1_000_000_000L + 500_000_000L));
    }

    @Test
    void lokiRejectingTheQueryIs400WithLokisMessage() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("error-empty-matcher"));
        given().get("/api/v1/logs").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("queries require at least one regexp or equality matcher"));
    }

    @Test
    void lokiFailingIs502AndUnknownAnswerIsNot500() {
        // Loki's own text for an internal failure (its querier's 500s are plain text).
        loki().answer(r -> true, new LokiQueryStandIn.Answer(500, "text/plain", "rpc error: code = Internal desc = failed to get chunk"));
        given().get("/api/v1/logs").then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("HTTP 500"));
    }

    @Test
    void aQueryLokiRefusesIsA400WithLokisMessage() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("error-bad-regex"));
        given().get("/api/v1/logs").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("error parsing regexp: missing closing )"));
    }

    @Test
    void slowLokiIs504() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-errors"));
        loki().delayAnswers(Duration.ofSeconds(4));
        given().get("/api/v1/logs/errors").then().statusCode(504).contentType("application/problem+json")
                .body("title", containsString("too slow"));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json");
    }
}
