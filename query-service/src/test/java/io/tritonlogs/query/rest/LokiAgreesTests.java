package io.tritonlogs.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.RealLoki;
import io.tritonlogs.query.testing.RealLokiResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kind of answer the service gives (structured search, its error and warning shortcuts,
 * presets, level and model stats, the rate series, models, raw LogQL, labels and the tail) is
 * Loki's own answer to the LogQL the service reports it ran, asked of the same real Loki
 * ({@link RealLoki}) with the same times: nothing lost, added or reordered on the way. The entries
 * are this test's own, under a unique container, in a window that closed before the first
 * question, so both sides see the same data.
 */
@QuarkusTest
@WithTestResource(RealLokiResource.class)
class LokiAgreesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONTAINER = "agree-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int ENTRIES = 40;
    private static long startNanos;
    private static long endNanos;

    @BeforeAll
    static void pushTritonTraffic() throws Exception {
        assumeTrue(RealLokiResource.lokiUrl() != null, RealLoki.describe());
        if (endNanos != 0) {
            return;
        }
        long first = (Instant.now().toEpochMilli() - 120_000) * 1_000_000L;
        String[] models = {"resnet50", "bert", "yolo"};
        Map<LabelSet, List<PushEntry>> streams = new LinkedHashMap<>();
        for (int i = 0; i < ENTRIES; i++) {
            String model = models[i % 3];
            String level = i % 5 == 0 ? "ERROR" : i % 7 == 0 ? "WARNING" : "INFO";
            String letter = level.substring(0, 1);
            String line = switch (level) {
                case "ERROR" -> letter + "1201 10:30:45.000001 1 infer_handler.cc:773] \"[request id: " + i + "] inference failed for model '" + model + "': CUDA out of memory\"";
                case "WARNING" -> letter + "1201 10:30:45.000001 1 dynamic_batch_scheduler.cc:306] \"request queue is full for model '" + model + "'\"";
                default -> i % 2 == 0
                        ? letter + "1201 10:30:45.000001 1 model_lifecycle.cc:472] \"loading: " + model + ":1\""
                        : letter + "1201 10:30:45.000001 1 model_lifecycle.cc:839] \"successfully loaded '" + model + "'\"";
            };
            LabelSet labels = LabelSet.of(Map.of("container", CONTAINER, "service", "triton", "stream", "stderr", "level", level,
                    "model_name", model));
            streams.computeIfAbsent(labels, k -> new ArrayList<>()).add(new PushEntry(first + i * 1_000_000_000L, line,
                    List.of(new Label("pid", "1"), new Label("request_id", Integer.toString(i)))));
        }
        List<PushStream> push = new ArrayList<>();
        streams.forEach((labels, entries) -> push.add(new PushStream(labels, entries)));
        HttpResponse<String> pushed = HTTP.send(HttpRequest.newBuilder(URI.create(loki("/loki/api/v1/push")))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new ProtobufPushEncoder().encodeToArray(push))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isBetween(200, 299);
        startNanos = first - 1_000_000_000L;
        endNanos = first + ENTRIES * 1_000_000_000L;
        Await.until(Duration.ofSeconds(30), ENTRIES + " entries queryable", () -> storedEntries() == ENTRIES);
    }

    private static int storedEntries() {
        try {
            return lokiGet("/loki/api/v1/query_range", Map.of("query", selector(), "start", start(), "end", end(), "limit", "1000"))
                    .path("data").path("result").findValues("values").stream().mapToInt(JsonNode::size).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String selector() {
        return "{container=\"" + CONTAINER + "\"}";
    }

    private static String start() {
        return Long.toString(startNanos);
    }

    private static String end() {
        return Long.toString(endNanos);
    }

    @Test
    void searchesAndPresetsAnswerLokisEntries() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/api/v1/logs", "/api/v1/logs/errors", "/api/v1/logs/warnings"));
        serviceGet("/api/v1/presets", Map.of()).path("presets").forEach(p -> paths.add("/api/v1/presets/" + p.path("name").asText()));
        assertThat(paths).hasSizeGreaterThan(8);
        for (String path : paths) {
            for (String direction : List.of("backward", "forward")) {
                Map<String, String> params = Map.of("container", CONTAINER, "start", start(), "end", end(), "limit", "25", "direction", direction);
                JsonNode ours = serviceGet(path, params);
                String ran = ours.path("query").asText();
                assertThat(ran).as(path).contains(CONTAINER);
                String actualDirection = ours.path("direction").asText(direction);
                JsonNode theirs = lokiGet("/loki/api/v1/query_range", Map.of("query", ran, "start", start(), "end", end(),
                        "limit", Integer.toString(ours.path("limit").asInt()), "direction", actualDirection));
                List<String> expected = flatten(theirs.path("data"), actualDirection);
                List<String> got = new ArrayList<>();
                ours.path("entries").forEach(e -> got.add(e.path("timestampNanos").asText() + " " + labels(e.path("labels")) + " " + e.path("line").asText()));
                assertThat(got).as("%s %s: %s", path, direction, ran).isNotEmpty().isEqualTo(expected);
            }
        }
    }

    @Test
    void statsAndModelsCountWhatLokiCounts() throws Exception {
        String time = end();
        JsonNode levels = serviceGet("/api/v1/stats/levels", Map.of("container", CONTAINER, "window", "5m", "time", time));
        Map<String, Long> expected = new TreeMap<>();
        lokiInstant(levels.path("query").asText(), time).path("data").path("result").forEach(s ->
                expected.merge(s.path("metric").path("level").asText(), Long.parseLong(s.path("value").path(1).asText()), Long::sum));
        Map<String, Long> got = new TreeMap<>();
        levels.path("counts").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0) {
                got.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertThat(got).isNotEmpty().isEqualTo(expected);
        assertThat(got.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ENTRIES);

        for (String path : List.of("/api/v1/stats/models", "/api/v1/models")) {
            JsonNode models = serviceGet(path, Map.of("container", CONTAINER, "window", "5m", "time", time));
            Map<String, Long> perModelAndLevel = new TreeMap<>();
            lokiInstant(models.path("query").asText(), time).path("data").path("result").forEach(s ->
                    perModelAndLevel.put(s.path("metric").path("model_name").asText() + "/" + s.path("metric").path("level").asText(),
                            Long.parseLong(s.path("value").path(1).asText())));
            for (JsonNode m : models.path("models")) {
                String model = m.path("model").asText();
                long errors = perModelAndLevel.getOrDefault(model + "/ERROR", 0L) + perModelAndLevel.getOrDefault(model + "/FATAL", 0L);
                assertThat(m.path("errors").asLong()).as("%s %s errors", path, model).isEqualTo(errors);
                assertThat(m.path("warnings").asLong()).as("%s %s warnings", path, model).isEqualTo(perModelAndLevel.getOrDefault(model + "/WARNING", 0L));
            }
            TreeSet<String> lokiModels = new TreeSet<>();
            perModelAndLevel.keySet().forEach(k -> lokiModels.add(k.substring(0, k.indexOf('/'))));
            assertThat(models.path("models").findValuesAsText("model")).as(path).containsExactlyInAnyOrderElementsOf(lokiModels);
        }
    }

    @Test
    void rateSeriesAreLokisMatrix() throws Exception {
        JsonNode ours = serviceGet("/api/v1/stats/rate", Map.of("container", CONTAINER, "start", start(), "end", end(), "step", "10s"));
        JsonNode theirs = lokiGet("/loki/api/v1/query_range", Map.of("query", ours.path("query").asText(), "start", start(), "end", end(), "step", "10"));
        Map<String, List<Double>> expected = new TreeMap<>();
        theirs.path("data").path("result").forEach(s -> {
            List<Double> values = new ArrayList<>();
            s.path("values").forEach(v -> values.add(Double.parseDouble(v.path(1).asText())));
            expected.put(s.path("metric").path("level").asText(), values);
        });
        Map<String, List<Double>> got = new TreeMap<>();
        ours.path("series").forEach(s -> {
            List<Double> values = new ArrayList<>();
            s.path("points").forEach(p -> values.add(p.path("value").asDouble()));
            got.put(s.path("level").asText(), values);
        });
        assertThat(got).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void rawQueriesAnswerLokisData() throws Exception {
        String metric = "sum by (level, model_name) (count_over_time(" + selector() + " [5m]))";
        JsonNode instant = JSON.readTree(given().contentType(ContentType.JSON).body(Map.of("query", metric, "time", end()))
                .post("/api/v1/query").then().statusCode(200).extract().asString());
        assertThat(withoutStats(instant)).isEqualTo(withoutStats(lokiInstant(metric, end()).path("data")));
        assertThat(instant.path("result").size()).isGreaterThan(3);

        String logs = selector() + " |= \"inference failed\" | request_id=~\"1.*\"";
        JsonNode range = JSON.readTree(given().contentType(ContentType.JSON)
                .body(Map.of("query", logs, "start", start(), "end", end(), "limit", 100, "direction", "forward"))
                .post("/api/v1/query_range").then().statusCode(200).extract().asString());
        JsonNode direct = lokiGet("/loki/api/v1/query_range", Map.of("query", logs, "start", start(), "end", end(), "limit", "100", "direction", "forward"));
        assertThat(withoutStats(range)).isEqualTo(withoutStats(direct.path("data")));
        assertThat(flatten(range, "forward")).isNotEmpty().allSatisfy(e -> assertThat(e).contains("request_id=1"));
    }

    @Test
    void labelsAreLokisLabels() throws Exception {
        JsonNode ours = serviceGet("/api/v1/labels", Map.of("start", start(), "end", end()));
        JsonNode theirs = lokiGet("/loki/api/v1/labels", Map.of("start", start(), "end", end()));
        assertThat(strings(ours.path("labels"))).isEqualTo(new ArrayList<>(new TreeSet<>(strings(theirs.path("data")))));
        JsonNode values = serviceGet("/api/v1/labels/container/values", Map.of("start", start(), "end", end()));
        JsonNode lokiValues = lokiGet("/loki/api/v1/label/container/values", Map.of("start", start(), "end", end()));
        assertThat(strings(values.path("values"))).contains(CONTAINER).isEqualTo(new ArrayList<>(new TreeSet<>(strings(lokiValues.path("data")))));
    }

    @Test
    void tailStartsWithLokisEntriesInOrder() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/tail?container="
                        + CONTAINER + "&start=" + start()))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> got = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (got.size() < ENTRIES && (line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    JsonNode e = JSON.readTree(line.substring(5));
                    got.add(e.path("timestampNanos").asText() + " " + labels(e.path("labels")) + " " + e.path("line").asText());
                }
            }
        }
        JsonNode theirs = lokiGet("/loki/api/v1/query_range", Map.of("query", selector(), "start", start(), "end", end(),
                "limit", "1000", "direction", "forward"));
        assertThat(got).hasSize(ENTRIES).isEqualTo(flatten(theirs.path("data"), "forward"));
    }

    /** Loki's streams as "timestamp labels line", in the order of {@code direction}; equal timestamps keep Loki's order. */
    private static List<String> flatten(JsonNode data, String direction) {
        record E(long ts, String text) {
        }
        List<E> all = new ArrayList<>();
        for (JsonNode stream : data.path("result")) {
            String labels = labels(stream.path("stream"));
            for (JsonNode v : stream.path("values")) {
                all.add(new E(Long.parseLong(v.path(0).asText()), v.path(0).asText() + " " + labels + " " + v.path(1).asText()));
            }
        }
        Comparator<E> byTime = Comparator.comparingLong(E::ts);
        all.sort("forward".equals(direction) ? byTime : byTime.reversed());
        return all.stream().map(E::text).toList();
    }

    private static String labels(JsonNode object) {
        Map<String, String> sorted = new TreeMap<>();
        object.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        return sorted.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode withoutStats(JsonNode data) {
        ObjectNode copy = data.deepCopy();
        copy.remove("stats");
        return copy;
    }

    private static JsonNode serviceGet(String path, Map<String, String> params) throws Exception {
        return JSON.readTree(given().queryParams(params).get(path).then().statusCode(200).extract().asString());
    }

    private static JsonNode lokiInstant(String query, String time) throws Exception {
        return lokiGet("/loki/api/v1/query", Map.of("query", query, "time", time));
    }

    private static JsonNode lokiGet(String path, Map<String, String> params) throws Exception {
        StringBuilder uri = new StringBuilder(loki(path));
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            uri.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", uri, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static String loki(String path) {
        return RealLokiResource.lokiUrl().replaceAll("/+$", "") + path;
    }
}
