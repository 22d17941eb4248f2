package io.tritonlogs.alert.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tritonlogs.common.testing.LokiQueryStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts what the app under test talks to: the Loki query STAND-IN (scripted answers in Loki's
 * format; the app's rules need exact answers, so this resource never points at a real Loki — the
 * real-Loki path is {@code RealLokiBurstTest}) and a recording webhook receiver on loopback; writes
 * a rules directory and a receivers file into a fresh temp directory. The scheduler is off: tests
 * drive evaluation and delivery with the test clock.
 */
public class AlertServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String RULES = """
            groups:
              - name: api-group
                interval: 1m
                rules:
                  - alert: ApiErrorBurst
                    expr: sum by (model_name) (count_over_time({level=~"ERROR|FATAL"}[1m])) > 10
                    labels: {severity: critical}
                    annotations: {summary: "{{ $value }} errors for {{ $labels.model_name }}"}
            """;

    private static LokiQueryStandIn loki;
    private static RecordingReceiver receiver;
    private static Path rulesDir;

    public static LokiQueryStandIn loki() {
        return loki;
    }

    public static RecordingReceiver receiver() {
        return receiver;
    }

    public static Path rulesDir() {
        return rulesDir;
    }

    @Override
    public Map<String, String> start() {
        loki = new LokiQueryStandIn();
        receiver = new RecordingReceiver();
        try {
            Path root = Files.createTempDirectory("alert-service-test");
            rulesDir = Files.createDirectories(root.resolve("rules"));
            Files.writeString(rulesDir.resolve("triton.yaml"), RULES);
            Path receivers = root.resolve("receivers.yaml");
            Files.writeString(receivers, """
                    receivers:
                      - name: oncall
                        type: alertmanager
                        url: %s
                    route:
                      receiver: oncall
                      group_by: [alertname, model_name]
                      group_wait: 0s
                    """.formatted(receiver.url("/hook")));
            return Map.of("loki.url", loki.url(),
                    "alert.rules-dir", rulesDir.toString(),
                    "alert.receivers-file", receivers.toString(),
                    "alert.data-dir", root.resolve("data").toString(),
                    "quarkus.scheduler.enabled", "false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        loki.close();
        receiver.close();
    }
}
