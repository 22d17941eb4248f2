package io.tritonlogs.alert.delivery;

import io.tritonlogs.common.testing.RealLoki;
import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.alert.eval.LokiQueryClient;
import io.tritonlogs.alert.eval.Sample;
import io.tritonlogs.alert.notify.ReceiversFileParser;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.testing.LokiClients;
import io.tritonlogs.alert.testing.RecordingReceiver;
import io.tritonlogs.alert.testing.TestEngine;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against a real Loki (only where {@code LOKI_URL} is set): pushes a burst of 15 ERROR records under
 * a label unique to this run, evaluates the error-burst rule on it, and checks that exactly one
 * firing notification reaches a real local receiver, then one resolved notification once the
 * burst has left the rule's window.
 */
class RealLokiBurstTest {

    @TempDir
    Path dataDir;

    @Test
    void anErrorBurstInRealLokiFiresOnceAndResolvesOnce() throws Exception {
        assumeTrue(RealLoki.url().isPresent(), RealLoki.describe());
        String lokiUrl = RealLoki.url().get();
        String run = "alert" + Long.toHexString(System.nanoTime());
        Instant now = Instant.now();
        List<PushEntry> entries = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Instant at = now.minusSeconds(20).plusMillis(i * 100L);
            entries.add(new PushEntry(at.getEpochSecond() * 1_000_000_000L + at.getNano(),
                    "E1125 10:00:0" + (i % 10) + ".000000 1 model_lifecycle.cc:469] failed to run burst_model: CUDA error " + i));
        }
        LabelSet labels = LabelSet.of(Map.of("container", "alert-test", "service", "alert-test", "level", "ERROR",
                "model_name", "burst_model", "stream", "stderr", "run", run));
        byte[] body = new ProtobufPushEncoder().encodeToArray(List.of(new PushStream(labels, entries)));
        HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lokiUrl + "/loki/api/v1/push"))
                .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);

        String expr = "sum by (model_name) (count_over_time({run=\"" + run + "\", level=~\"ERROR|FATAL\"}[5m])) > 10";
        LokiQueryClient client = LokiClients.queryClient(lokiUrl, Duration.ofSeconds(10));
        List<Sample> visible = List.of();
        for (int poll = 0; poll < 60 && visible.isEmpty(); poll++) { // poll until Loki has ingested the burst
            visible = client.instantQuery(expr, Instant.now());
            if (visible.isEmpty()) {
                Thread.sleep(500);
            }
        }
        assertThat(visible).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(15));

        try (RecordingReceiver receiver = new RecordingReceiver()) {
            RuleGroup group = new RuleFileParser(Duration.ofMinutes(1)).parse("real.yaml", """
                    groups:
                      - name: real
                        rules:
                          - alert: TritonErrorBurst
                            expr: '%s'
                            labels: {severity: critical}
                    """.formatted(expr)).get(0);
            TestEngine engine = new TestEngine(dataDir, lokiUrl, new ReceiversFileParser(n -> null).parse("r.yaml", """
                    receivers: [{name: hook, type: alertmanager, url: "%s"}]
                    route: {receiver: hook, group_by: [alertname, model_name], group_wait: 0s}
                    """.formatted(receiver.url("/hook"))));
            Instant evaluation = Instant.now();
            engine.evaluator.evaluateGroup(group, evaluation);
            engine.deliverer.deliverDue(evaluation);
            engine.evaluator.evaluateGroup(group, evaluation.plusSeconds(30));
            engine.deliverer.deliverDue(evaluation.plusSeconds(30));
            assertThat(receiver.accepted()).singleElement().satisfies(r -> {
                JsonNode alert = r.json().path("alerts").get(0);
                assertThat(r.json().path("status").asText()).isEqualTo("firing");
                assertThat(alert.path("labels").path("model_name").asText()).isEqualTo("burst_model");
            });
            Instant later = evaluation.plus(Duration.ofMinutes(6)); // the burst has left the 5m window
            engine.evaluator.evaluateGroup(group, later);
            engine.deliverer.deliverDue(later);
            assertThat(receiver.accepted()).hasSize(2);
            assertThat(receiver.accepted().get(1).json().path("status").asText()).isEqualTo("resolved");
        }
    }
}
