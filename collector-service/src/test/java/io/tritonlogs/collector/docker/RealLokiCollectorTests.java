package io.tritonlogs.collector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.collector.testing.RealLokiTarget;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.testing.RealLoki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The collector against a real Docker engine and a real Loki ({@link RealLoki}): what Loki 3.4.2
 * holds afterwards, counted exactly and read back as Loki itself returns it. Stream labels stay
 * the label contract; pid, source, request id and model version arrive as structured metadata;
 * Loki derives {@code service_name} and {@code detected_level} from {@code service} and
 * {@code level}, which is what Grafana's Logs Drilldown groups by, with no configuration.
 */
@QuarkusTest
@QuarkusTestResource(value = RealLokiTarget.class, restrictToAnnotatedClass = true)
class RealLokiCollectorTests {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONTAINER = "tlt-loki-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant STARTED = Instant.now().minusSeconds(5);
    /** Entries of 06-escaped-traffic.log: its lines that are not continuations in expected.tsv. */
    private static final int TRAFFIC_ENTRIES = 89;
    private static boolean written;

    @BeforeAll
    static void writeATritonSession() {
        assumeTrue(RealLoki.url().isPresent(), RealLoki.describe());
        if (!written) {
            Busybox.start(CONTAINER, false, "cat /fixtures/06-escaped-traffic.log >&2; sleep 120",
                    "-v", Fixtures.tritonLogs().toAbsolutePath() + ":/fixtures:ro");
            written = true;
        }
    }

    @Test
    void everyEntryIsInLokiExactlyOnceWithTheContractsLabels() throws Exception {
        Await.until(WAIT, TRAFFIC_ENTRIES + " entries of " + CONTAINER + " in Loki", () -> entries().size() >= TRAFFIC_ENTRIES);
        List<JsonNode> entries = Await.settled(WAIT, Duration.ofSeconds(2), RealLokiCollectorTests::entries);
        assertThat(entries).hasSize(TRAFFIC_ENTRIES);
        assertThat(entries.stream().map(e -> e.path("ts").asText() + e.path("line").asText()).distinct()).hasSize(TRAFFIC_ENTRIES);

        JsonNode series = loki("/loki/api/v1/series", Map.of("match[]", selector()));
        for (JsonNode stream : series.path("data")) {
            List<String> names = new ArrayList<>();
            stream.fieldNames().forEachRemaining(names::add);
            assertThat(names).as("a stream's labels: the contract and what Loki adds, never per-entry fields")
                    .isSubsetOf("container", "service", "level", "model_name", "stream", "service_name")
                    .contains("container", "service", "level", "stream", "service_name");
            assertThat(stream.path("service_name").asText()).isEqualTo(stream.path("service").asText()).isEqualTo(CONTAINER);
        }
        assertThat(series.path("data").size()).as("streams: a level x model combination each, not one per request").isLessThan(20);
    }

    @Test
    void perEntryFieldsAreStructuredMetadataThatQueriesFilterOn() throws Exception {
        Await.until(WAIT, TRAFFIC_ENTRIES + " entries of " + CONTAINER + " in Loki", () -> entries().size() >= TRAFFIC_ENTRIES);
        JsonNode failed = entries().stream().filter(e -> e.path("line").asText().contains("[request id: 83770]")).findFirst().orElseThrow();
        Map<String, String> metadata = new TreeMap<>();
        failed.path("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
        assertThat(metadata).containsEntry("request_id", "83770").containsEntry("source", "infer_handler.cc:773")
                .containsKey("pid").containsEntry("detected_level", "ERROR");

        JsonNode byRequest = loki("/loki/api/v1/query_range", Map.of("query", selector() + " | request_id=\"83770\"",
                "start", start(), "end", end(), "limit", "100"));
        List<String> lines = new ArrayList<>();
        byRequest.path("data").path("result").forEach(s -> s.path("values").forEach(v -> lines.add(v.path(1).asText())));
        assertThat(lines).singleElement().asString().contains("[request id: 83770] inference failed");

        JsonNode detected = loki("/loki/api/v1/detected_labels", Map.of("query", selector(), "start", start(), "end", end()));
        assertThat(detected.path("detectedLabels").findValuesAsText("label")).contains("service_name", "level");
        JsonNode fields = loki("/loki/api/v1/detected_fields", Map.of("query", selector(), "start", start(), "end", end()));
        assertThat(fields.path("fields").findValuesAsText("label")).contains("pid", "source", "request_id", "detected_level");
    }

    /** Every entry of the container, with the structured metadata Loki returns apart from the labels. */
    private static List<JsonNode> entries() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/loki/api/v1/query_range",
                            Map.of("query", selector(), "start", start(), "end", end(), "limit", "5000", "direction", "forward")))
                    .header("X-Loki-Response-Encoding-Flags", "categorize-labels").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<JsonNode> entries = new ArrayList<>();
            for (JsonNode stream : JSON.readTree(answer.body()).path("data").path("result")) {
                for (JsonNode v : stream.path("values")) {
                    entries.add(JSON.createObjectNode().put("ts", v.path(0).asText()).put("line", v.path(1).asText())
                            .set("metadata", v.path(2).path("structuredMetadata")));
                }
            }
            return entries;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode loki(String path, Map<String, String> params) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri(path, params)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static URI uri(String path, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(RealLoki.url().orElseThrow()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            uri.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(uri.toString());
    }

    private static String selector() {
        return "{container=\"" + CONTAINER + "\"}";
    }

    private static String start() {
        return Long.toString(STARTED.getEpochSecond() * 1_000_000_000L);
    }

    private static String end() {
        return Long.toString((Instant.now().getEpochSecond() + 5) * 1_000_000_000L);
    }
}
