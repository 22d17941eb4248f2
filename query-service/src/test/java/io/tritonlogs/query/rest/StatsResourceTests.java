package io.tritonlogs.query.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.LokiQueryStandIn.Answer;
import io.tritonlogs.query.testing.Replays;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(StandInLokiResource.class)
class StatsResourceTests {

    /** A Loki vector answer with {@code model_name}/{@code level} counts, as Loki writes it. */
    static final String MODEL_LEVEL_VECTOR = """
            {"status":"success","data":{"resultType":"vector","result":[
             {"metric":{"level":"ERROR","model_name":"simple_identity"},"value":[1795534410.727,"9"]},
             {"metric":{"level":"FATAL","model_name":"simple_identity"},"value":[1795534410.727,"1"]},
             {"metric":{"level":"WARNING","model_name":"simple_identity"},"value":[1795534410.727,"2"]},
             {"metric":{"level":"WARNING","model_name":"resnet50"},"value":[1795534410.727,"4"]},
             {"metric":{"level":"ERROR","model_name":"whisper_small"},"value":[1795534410.727,"4"]},
             {"metric":{"level":"INFO","model_name":"whisper_small"},"value":[1795534410.727,"30"]}],
             "stats":{}}}""";

    static LokiQueryStandIn loki() {
        return StandInLokiResource.loki();
    }

    @BeforeEach
    void reset() {
        StandInLokiResource.resetAll();
    }

    @Test
    void levelsCountsOverTheWindowWithEveryLevelPresent() {
        Replays.replaySameLogql(loki(), "query-instant-count-by-level");
        given().queryParam("container", "triton_server").queryParam("window", "1d").queryParam("time", "1795534410.727961856")
                .get("/api/v1/stats/levels")
                .then().statusCode(200)
                .body("query", equalTo("sum by (level) (count_over_time({container=\"triton_server\"} [1d]))"))
                .body("window", equalTo("1d"))
                .body("counts.ERROR", equalTo(35)).body("counts.INFO", equalTo(306)).body("counts.WARNING", equalTo(23))
                .body("counts.FATAL", equalTo(0)).body("counts.UNKNOWN", equalTo(0));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.path()).isEqualTo("/loki/api/v1/query");
        assertThat(sent.param("time")).isEqualTo("1795534410727961856");
    }

    @Test
    void levelsDefaultToAFiveMinuteWindowAndRejectBadWindows() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("query-instant-count-by-level"));
        given().get("/api/v1/stats/levels").then().statusCode(200)
                .body("query", equalTo("sum by (level) (count_over_time({container=~\".+\"} [5m]))")).body("window", equalTo("5m"));
        given().queryParam("window", "5 minutes").get("/api/v1/stats/levels").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("window"));
        given().queryParam("time", "noon").get("/api/v1/stats/levels").then().statusCode(400).body("parameter", equalTo("time"));
        assertThat(loki().requests()).hasSize(1);
    }

    @Test
    void modelsFoldErrorAndFatalAndSortByErrors() {
        loki().answer(r -> r.path().equals("/loki/api/v1/query"), Answer.json(200, MODEL_LEVEL_VECTOR));
        given().queryParam("container", "triton_server").queryParam("window", "1h")
                .get("/api/v1/stats/models")
                .then().statusCode(200)
                .body("query", equalTo("sum by (model_name, level) (count_over_time({container=\"triton_server\", "
                        + "level=~\"ERROR|FATAL|WARNING\", model_name!=\"\"} [1h]))"))
                .body("models.model", contains("simple_identity", "whisper_small", "resnet50"))
                .body("models[0].errors", equalTo(10)).body("models[0].warnings", equalTo(2))
                .body("models[1].errors", equalTo(4)).body("models[2].warnings", equalTo(4)).body("models[2].errors", equalTo(0));
        assertThat(loki().requests()).extracting(LokiQueryStandIn.Request::query).containsExactly(
                "sum by (model_name, level) (count_over_time({container=\"triton_server\", level=~\"ERROR|FATAL|WARNING\", model_name!=\"\"} [1h]))");
    }

    @Test
    void modelsSeenListsEveryModelWithItsCountsByName() {
        loki().answer(r -> r.path().equals("/loki/api/v1/query"), Answer.json(200, MODEL_LEVEL_VECTOR));
        given().queryParam("service", "triton").get("/api/v1/models")
                .then().statusCode(200)
                .body("query", equalTo("sum by (model_name, level) (count_over_time({service=\"triton\", model_name!=\"\"} [1h]))"))
                .body("window", equalTo("1h"))
                .body("models.model", contains("resnet50", "simple_identity", "whisper_small"))
                .body("models[2].entries", equalTo(34)).body("models[2].errors", equalTo(4)).body("models[2].warnings", equalTo(0));
    }

    @Test
    void rateByLevelIsATimeSeriesWithTheStep() {
        Replays.replaySameLogql(loki(), "query_range-rate-by-level-matrix");
        io.restassured.path.json.JsonPath recorded = io.restassured.path.json.JsonPath.from(
                LokiQueryStandIn.recorded("query_range-rate-by-level-matrix").body());
        long firstErrorPoint = recorded.getLong("data.result.find { it.metric.level == 'ERROR' }.values[0][0]");
        float firstErrorRate = Float.parseFloat(recorded.getString("data.result.find { it.metric.level == 'ERROR' }.values[0][1]"));
        given().queryParam("container", "triton_server").queryParam("start", "1795534408363961856")
                .queryParam("end", "1795534410727961856").queryParam("step", "5m")
                .get("/api/v1/stats/rate")
                .then().statusCode(200)
                .body("query", equalTo("sum by (level) (rate({container=\"triton_server\"} [5m]))"))
                .body("step", equalTo("5m")).body("window", equalTo("5m"))
                .body("series.level", contains("ERROR", "INFO", "WARNING"))
                .body("series[0].points", hasSize(1))
                .body("series[0].points[0].time", equalTo(java.time.Instant.ofEpochSecond(firstErrorPoint).toString()))
                .body("series[0].points[0].value", equalTo(firstErrorRate));
        LokiQueryStandIn.Request sent = loki().requests().get(0);
        assertThat(sent.param("step")).isEqualTo("300");
        assertThat(sent.param("start")).isEqualTo("1795534408363961856");
        assertThat(sent.param("limit")).isNull();
    }

    @Test
    void rateRejectsTooManyPointsAndBadSteps() {
        given().queryParam("since", "30d").queryParam("step", "1s").get("/api/v1/stats/rate").then().statusCode(400)
                .body("parameter", equalTo("step"));
        given().queryParam("step", "-5").get("/api/v1/stats/rate").then().statusCode(400).body("parameter", equalTo("step"));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void rateStepDefaultsToASixtiethOfTheRange() {
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-rate-by-level-matrix"));
        given().queryParam("since", "1h").get("/api/v1/stats/rate").then().statusCode(200)
                .body("step", equalTo("1m")).body("query", equalTo("sum by (level) (rate({container=~\".+\"} [1m]))"));
        assertThat(loki().requests().get(0).param("step")).isEqualTo("60");
    }

    @Test
    void correlateSetsLokiCountsBesideTritonMetrics() {
        loki().answer(r -> r.path().equals("/loki/api/v1/query"), Answer.json(200, MODEL_LEVEL_VECTOR));
        LokiQueryStandIn prometheus = StandInLokiResource.prometheus();
        prometheus.answer(r -> r.query().contains("nv_inference_request_success"), Answer.json(200, prom("resnet50", "1000", "simple_identity", "90")));
        prometheus.answer(r -> r.query().contains("nv_inference_request_failure"), Answer.json(200, prom("simple_identity", "10")));
        prometheus.answer(r -> r.query().contains("nv_inference_request_duration_us"), Answer.json(200, prom("resnet50", "5000000", "simple_identity", "200000")));
        prometheus.answer(r -> r.query().contains("nv_inference_queue_duration_us"), Answer.json(200, prom("resnet50", "NaN")));
        given().queryParam("window", "10m").get("/api/v1/correlate")
                .then().statusCode(200)
                .body("prometheus", equalTo("configured")).body("window", equalTo("10m"))
                .body("lokiQuery", equalTo("sum by (model_name, level) (count_over_time({container=~\".+\", level=~\"ERROR|FATAL|WARNING\", model_name!=\"\"} [10m]))"))
                .body("models.model", contains("simple_identity", "whisper_small", "resnet50"))
                .body("models[0].errors", equalTo(10)).body("models[0].requestSuccess", equalTo(90))
                .body("models[0].requestFailure", equalTo(10)).body("models[0].avgRequestLatencyMs", equalTo(2.0f))
                .body("models[1].requestSuccess", nullValue())
                .body("models[2].requestSuccess", equalTo(1000)).body("models[2].avgRequestLatencyMs", equalTo(5.0f))
                .body("models[2].avgQueueLatencyMs", nullValue());
        assertThat(prometheus.requests()).extracting(LokiQueryStandIn.Request::query).containsExactlyInAnyOrder(
                "sum by (model) (increase(nv_inference_request_success[10m]))",
                "sum by (model) (increase(nv_inference_request_failure[10m]))",
                "sum by (model) (increase(nv_inference_request_duration_us[10m]))",
                "sum by (model) (increase(nv_inference_queue_duration_us[10m]))");
    }

    @Test
    void correlateStillAnswersLokiCountsWhenPrometheusFails() {
        loki().answer(r -> r.path().equals("/loki/api/v1/query"), Answer.json(200, MODEL_LEVEL_VECTOR));
        StandInLokiResource.prometheus().answer(r -> true, Answer.json(500, "{\"status\":\"error\",\"error\":\"boom\"}"));
        given().queryParam("model", "resnet50").get("/api/v1/correlate")
                .then().statusCode(200)
                .body("prometheus", equalTo("failed"))
                .body("prometheusError", org.hamcrest.Matchers.containsString("HTTP 500"))
                .body("models.model", contains("resnet50"))
                .body("models[0].warnings", equalTo(4)).body("models[0].requestSuccess", nullValue());
        assertThat(loki().requests().get(0).query()).contains("model_name=\"resnet50\"");
    }

    static String prom(String... modelValue) {
        StringBuilder out = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < modelValue.length; i += 2) {
            out.append(i == 0 ? "" : ",").append("{\"metric\":{\"model\":\"").append(modelValue [i])
                    .append("\",\"version\":\"1\"},\"value\":[1795534410.727,\"").append(modelValue[i + 1]).append("\"]}");
        }
        return out.append("]}}").toString();
    }
}
