package io.tritonlogs.query.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(StandInLokiResource.class)
class PresetsAndLabelsTests {

    static LokiQueryStandIn loki() {
        return StandInLokiResource.loki();
    }

    @BeforeEach
    void reset() {
        StandInLokiResource.resetAll();
    }

    @Test
    void presetsAreListedFromConfiguration() {
        given().get("/api/v1/presets").then().statusCode(200)
                .body("presets.name", containsInAnyOrder("model-loading", "request-failures", "startup-sequence", "gpu-cuda",
                        "performance", "errors", "warnings", "exclude-info"))
                .body("presets.find { it.name == 'gpu-cuda' }.query", equalTo("{container=~\".+\"} |~ \"(?i)(cuda|gpu|nvml|out of memory)\""))
                .body("presets.find { it.name == 'startup-sequence' }.direction", equalTo("forward"))
                .body("presets.find { it.name == 'errors' }.query", equalTo("{container=~\".+\", level=~\"ERROR|FATAL\"}"));
    }

    @Test
    void aPresetRunsWithRequestFiltersReplacingItsMatchers() {
        loki().replay("query_range-errors");
        given().queryParam("container", "triton_server").queryParam("limit", "5").queryParam("since", "2h")
                .get("/api/v1/presets/errors").then().statusCode(200)
                .body("preset", equalTo("errors"))
                .body("query", equalTo("{container=\"triton_server\", level=~\"ERROR|FATAL\"}"))
                .body("entries", hasSize(5)).body("entries[0].parsed.level", equalTo("ERROR"));
        loki().answer(r -> true, LokiQueryStandIn.recorded("query_range-model"));
        given().queryParam("model", "resnet50").get("/api/v1/presets/model-loading").then().statusCode(200)
                .body("query", equalTo("{model_name=\"resnet50\", container=~\".+\"} |~ \"(?i)(load|unload)\""))
                .body("entries.parsed.model", contains("resnet50", "resnet50"));
        given().get("/api/v1/presets/startup-sequence").then().statusCode(200).body("direction", equalTo("forward"));
        assertThat(loki().requests()).extracting(r -> r.param("direction")).containsExactly("backward", "backward", "forward");
    }

    @Test
    void unknownPresetIs404AndFixedFiltersAre400() {
        given().get("/api/v1/presets/nope").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("there is no preset named 'nope'; GET /api/v1/presets lists them"));
        given().queryParam("level", "INFO").get("/api/v1/presets/errors").then().statusCode(400).body("parameter", equalTo("level"));
        given().queryParam("since", "0s").get("/api/v1/presets/errors").then().statusCode(400).body("parameter", equalTo("since"));
        assertThat(loki().requests()).isEmpty();
    }

    @Test
    void labelsAndValuesComeFromLokisLabelApi() {
        loki().replay("labels").replay("label-values-model_name");
        given().get("/api/v1/labels").then().statusCode(200)
                .body("labels", contains("container", "level", "model_name", "service", "service_name", "stream"));
        given().queryParam("since", "6h").get("/api/v1/labels/model_name/values").then().statusCode(200)
                .body("label", equalTo("model_name"))
                .body("values", hasSize(9)).body("values[0]", equalTo("bert-large-uncased"));
        assertThat(loki().requests()).extracting(LokiQueryStandIn.Request::path)
                .containsExactly("/loki/api/v1/labels", "/loki/api/v1/label/model_name/values");
        LokiQueryStandIn.Request values = loki().requests().get(1);
        assertThat(Long.parseLong(values.param("end")) - Long.parseLong(values.param("start"))).isEqualTo(6 * 3600 * 1_000_000_000L);
    }

    @Test
    void aBadLabelNameIs400() {
        given().get("/api/v1/labels/1bad/values").then().statusCode(400).body("parameter", equalTo("name"));
        given().get("/api/v1/labels/a..b/values").then().statusCode(400).body("parameter", equalTo("name"));
        assertThat(loki().requests()).isEmpty();
    }
}
