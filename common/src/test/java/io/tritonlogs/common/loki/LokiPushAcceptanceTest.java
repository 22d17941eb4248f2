package io.tritonlogs.common.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.RealLoki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes with both encoders to a real Loki ({@link RealLoki}) and reads the entries back; without
 * one, to {@link LokiPushStandIn}, which decodes with Loki's own schema.
 */
class LokiPushAcceptanceTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LokiPushStandIn standIn;
    private static String lokiUrl;

    @BeforeAll
    static void target() throws Exception {
        Optional<String> real = RealLoki.url();
        if (real.isPresent()) {
            lokiUrl = real.get();
        } else {
            standIn = new LokiPushStandIn();
            lokiUrl = standIn.url();
        }
    }

    @AfterAll
    static void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void protobufPushIsAcceptedAndStoredAsSent() throws Exception {
        pushAndReadBack("application/x-protobuf", new ProtobufPushEncoder()::encodeToArray);
    }

    private void pushAndReadBack(String contentType, java.util.function.Function<List<PushStream>, byte[]> encode) throws Exception {
        String run = "t" + UUID.randomUUID().toString().replace("-", "");
        long now = System.currentTimeMillis() * 1_000_000L;
        List<PushEntry> entries = List.of(
                new PushEntry(now - 3_000_000, "E1201 10:30:45.123456 1 model_lifecycle.cc:638] failed to load 'resnet' version 1"),
                new PushEntry(now - 2_000_000, "I1201 10:30:45.200000 1 server.cc:634]\n+-------+\n| Model |\n+-------+"),
                new PushEntry(now - 1_000_000, "unicode é \uD83D\uDE00 password=***REDACTED***"));
        LabelSet labels = LabelSet.of(Map.of("container", "triton", "service", "triton", "level", "ERROR",
                "stream", "stderr", "test_run", run));

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(lokiUrl + "/loki/api/v1/push"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode.apply(List.of(new PushStream(labels, entries)))))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("push answered: %s", response.body()).isEqualTo(204);

        List<String> stored = standIn != null ? fromStandIn(run) : fromLoki(run, now, entries.size());
        assertThat(stored).containsExactlyElementsOf(entries.stream().map(PushEntry::line).toList());
    }

    private static List<String> fromStandIn(String run) {
        List<String> lines = new ArrayList<>();
        for (LokiPushStandIn.ReceivedStream stream : standIn.received()) {
            if (stream.labels().contains(run)) {
                stream.entries().forEach(e -> lines.add(e.line()));
            }
        }
        return lines;
    }

    private static List<String> fromLoki(String run, long now, int expected) throws Exception {
        String query = URLEncoder.encode("{test_run=\"" + run + "\"}", StandardCharsets.UTF_8);
        URI uri = URI.create(lokiUrl + "/loki/api/v1/query_range?direction=forward&limit=100&query=" + query
                + "&start=" + (now - 60_000_000_000L) + "&end=" + (now + 60_000_000_000L));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            lines.clear();
            if (answer.statusCode() == 200) {
                for (JsonNode stream : new ObjectMapper().readTree(answer.body()).at("/data/result")) {
                    for (JsonNode value : stream.get("values")) {
                        lines.add(value.get(1).asText());
                    }
                }
            }
            if (lines.size() >= expected) {
                return lines;
            }
            Thread.sleep(250);
        }
        return lines;
    }
}
