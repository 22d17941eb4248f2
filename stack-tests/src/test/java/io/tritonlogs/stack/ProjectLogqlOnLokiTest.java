package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.testing.RealLoki;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every LogQL expression the project ships ({@link ProjectLogql}: dashboards, alert rules,
 * presets) is accepted and runs on a real Loki ({@link RealLoki}), over entries this test pushed
 * in the shapes the queries look for: a Triton service with errors, warnings and a model.
 */
class ProjectLogqlOnLokiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RUN = "stack-" + UUID.randomUUID().toString().substring(0, 8);
    private static String loki;

    @BeforeAll
    static void pushTritonEntries() throws Exception {
        Assumptions.assumeTrue(RealLoki.url().isPresent(), RealLoki.describe());
        loki = RealLoki.url().get();
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        List<PushStream> streams = List.of(
                stream("ERROR", "resnet50", new PushEntry(now - 3_000_000_000L,
                        "E1201 10:30:45.123456 1 model_lifecycle.cc:626] \"failed to load 'resnet50' version 1: CUDA out of memory\"")),
                stream("WARNING", "resnet50", new PushEntry(now - 2_000_000_000L,
                        "W1201 10:30:46.123456 1 pinned_memory_manager.cc:273] \"Unable to allocate pinned system memory\"")),
                stream("INFO", "resnet50", new PushEntry(now - 1_000_000_000L,
                        "I1201 10:30:47.123456 1 model_lifecycle.cc:839] \"successfully loaded 'resnet50'\"")));
        HttpResponse<String> pushed = HTTP.send(HttpRequest.newBuilder(URI.create(loki + "/loki/api/v1/push"))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new ProtobufPushEncoder().encodeToArray(streams))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isBetween(200, 299);
    }

    private static PushStream stream(String level, String model, PushEntry entry) {
        Map<String, String> labels = new HashMap<>(Map.of("container", "triton", "service", "triton", "stream", "stderr",
                "level", level, "model_name", model, "test_run", RUN));
        return new PushStream(LabelSet.of(labels), List.of(entry));
    }

    @TestFactory
    List<DynamicTest> everyShippedExpressionRunsOnLoki() {
        List<ProjectLogql.Expression> expressions = ProjectLogql.all();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(20);
        List<DynamicTest> tests = new ArrayList<>();
        for (ProjectLogql.Expression e : expressions) {
            tests.add(DynamicTest.dynamicTest(e.where() + ": " + e.expr(), () -> {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(loki + path(e)))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("Loki (%s) on %s: %s", RealLoki.describe(), e.expr(), answer.body()).isEqualTo(200);
                JsonNode body = Repo.JSON.readTree(answer.body());
                assertThat(body.path("status").asText()).isEqualTo("success");
            }));
        }
        return tests;
    }

    private static String path(ProjectLogql.Expression e) {
        Instant end = Instant.now();
        String range = "&start=" + end.minusSeconds(3600).getEpochSecond() + "&end=" + end.getEpochSecond();
        if (e.labelValues() != null) {
            return "/loki/api/v1/label/" + e.labelValues() + "/values?query=" + encode(e.expr().isEmpty() ? "{service=~\".+\"}" : e.expr()) + range;
        }
        return "/loki/api/v1/query_range?query=" + encode(e.expr()) + range + (e.isMetric() ? "&step=60" : "&limit=10");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
