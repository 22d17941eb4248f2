package io.tritonlogs.query.rest;

import io.tritonlogs.common.testing.RealLoki;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.query.testing.RealLokiResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against the real Loki of {@code LOKI_URL} with entries this test pushed itself under a unique
 * {@code container} label; skipped when {@code LOKI_URL} is not set.
 */
@QuarkusTest
@WithTestResource(RealLokiResource.class)
class RealLokiTests {

    static final String CONTAINER = "query-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final long NOW = Instant.now().toEpochMilli() * 1_000_000L;
    static boolean pushed;

    @BeforeAll
    static void push() throws Exception {
        assumeTrue(RealLokiResource.lokiUrl() != null, RealLoki.describe());
        if (pushed) {
            return;
        }
        List<PushStream> streams = List.of(
                stream("ERROR", "resnet50", entry(1, "E1125 10:00:00.000001 1 model_lifecycle.cc:626] \"failed to load 'resnet50' version 1: CUDA out of memory\"")),
                stream("INFO", "resnet50", entry(2, "I1125 10:00:00.000002 1 model_lifecycle.cc:472] \"loading: resnet50:1\""),
                        entry(3, "I1125 10:00:00.000003 1 model_lifecycle.cc:839] \"successfully loaded 'resnet50'\"")),
                stream("WARNING", null, entry(4, "W1125 10:00:00.000004 1 pinned_memory_manager.cc:273] \"Unable to allocate pinned system memory\"")));
        byte[] body = new ProtobufPushEncoder().encodeToArray(streams);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RealLokiResource.lokiUrl().replaceAll("/+$", "") + "/loki/api/v1/push"))
                .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        pushed = true;
    }

    static PushStream stream(String level, String model, PushEntry... entries) {
        Map<String, String> labels = new java.util.HashMap<>(Map.of("container", CONTAINER, "service", "triton", "level", level, "stream", "stderr"));
        if (model != null) {
            labels.put("model_name", model);
        }
        return new PushStream(LabelSet.of(labels), List.of(entries));
    }

    static PushEntry entry(int n, String line) {
        return new PushEntry(NOW - 60_000_000_000L + n * 1_000_000L, line);
    }

    /** Polls the service until all four pushed entries are visible (Loki ingests asynchronously). */
    static JsonPath untilVisible(String path, Map<String, ?> params, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = given().queryParams(params).get(path).then().statusCode(200).extract().jsonPath();
            if (last.getList("entries").size() >= expected) {
                return last;
            }
            Thread.sleep(250);
        }
        return last;
    }

    @Test
    void structuredSearchFindsWhatWasPushedAndParsesIt() throws Exception {
        JsonPath all = untilVisible("/api/v1/logs", Map.of("container", CONTAINER, "since", "10m"), 4);
        assertThat(all.getString("query")).isEqualTo("{container=\"" + CONTAINER + "\"}");
        assertThat(all.getList("entries.parsed.level")).containsExactly("WARNING", "INFO", "INFO", "ERROR");
        JsonPath errors = given().queryParam("container", CONTAINER).queryParam("since", "10m").get("/api/v1/logs/errors")
                .then().statusCode(200).extract().jsonPath();
        assertThat(errors.getList("entries")).hasSize(1);
        assertThat(errors.getString("entries[0].parsed.model")).isEqualTo("resnet50");
        assertThat(errors.getString("entries[0].parsed.source")).isEqualTo("model_lifecycle.cc:626");
        JsonPath loading = given().queryParam("container", CONTAINER).queryParam("model", "resnet50").queryParam("contains", "loading:")
                .queryParam("since", "10m").get("/api/v1/logs").then().statusCode(200).extract().jsonPath();
        assertThat(loading.getList("entries.parsed.message")).containsExactly("loading: resnet50:1");
    }

    @Test
    void statsRawQueriesAndLabelsAgreeWithWhatWasPushed() throws Exception {
        untilVisible("/api/v1/logs", Map.of("container", CONTAINER, "since", "10m"), 4);
        given().queryParam("container", CONTAINER).queryParam("window", "10m").get("/api/v1/stats/levels").then().statusCode(200)
                .body("counts.ERROR", org.hamcrest.Matchers.equalTo(1)).body("counts.INFO", org.hamcrest.Matchers.equalTo(2))
                .body("counts.WARNING", org.hamcrest.Matchers.equalTo(1));
        given().queryParam("container", CONTAINER).queryParam("window", "10m").get("/api/v1/stats/models").then().statusCode(200)
                .body("models.model", org.hamcrest.Matchers.contains("resnet50")).body("models[0].errors", org.hamcrest.Matchers.equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("query", "sum(count_over_time({container=\"" + CONTAINER + "\"}[10m]))"))
                .post("/api/v1/query").then().statusCode(200).body("result[0].value[1]", org.hamcrest.Matchers.equalTo("4"));
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"" + CONTAINER + "\"} |= \"pinned\"", "since", "10m"))
                .post("/api/v1/query_range").then().statusCode(200).body("result", org.hamcrest.Matchers.hasSize(1));
        given().queryParam("since", "10m").get("/api/v1/labels/container/values").then().statusCode(200)
                .body("values", org.hamcrest.Matchers.hasItem(CONTAINER));
        given().contentType(ContentType.JSON).body(Map.of("query", "{container=\"" + CONTAINER + "\"} |~ \"(unclosed\""))
                .post("/api/v1/query").then().statusCode(400).body("column", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void tailReplaysThePushedEntriesFromItsStart() throws Exception {
        untilVisible("/api/v1/logs", Map.of("container", CONTAINER, "since", "10m"), 4);
        HttpRequest request = HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/api/v1/tail?container=" + CONTAINER + "&since=10m"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> lines = response.body()) {
            var it = lines.iterator();
            while (data.size() < 4 && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    data.add(line);
                }
            }
        }
        assertThat(data).hasSize(4).anySatisfy(d -> assertThat(d).contains("\"source\":\"model_lifecycle.cc:626\""));
    }
}
