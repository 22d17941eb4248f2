package io.tritonlogs.alert;

import com.sun.net.httpserver.HttpServer;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged alert-service killed with SIGKILL and started again while an alert fires, with a
 * real local webhook receiver and the Loki query stand-in scripted in Loki's answer format:
 * the notification that was still undelivered arrives once, the delivered one is not sent again,
 * and the resolution is sent once.
 */
class AlertRestartIT {

    private LokiQueryStandIn loki;
    private HttpServer receiver;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile int refusals;
    private volatile boolean refuse;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("alert-it");
        loki = new LokiQueryStandIn();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (refuse) {
                    refusals++;
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    accepted.add(body);
                    exchange.sendResponseHeaders(200, -1);
                }
            }
        });
        receiver.start();
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("burst.yaml"), """
                groups:
                  - name: it
                    interval: 1s
                    rules:
                      - alert: TritonErrorBurst
                        expr: sum by (model_name) (count_over_time({level=~"ERROR|FATAL"}[1m])) > 10
                        for: 0s
                        labels:
                          severity: critical
                        annotations:
                          summary: "{{ $value }} errors for {{ $labels.model_name }}"
                """);
        Files.writeString(dir.resolve("receivers.yaml"), """
                receivers:
                  - name: oncall
                    type: alertmanager
                    url: http://127.0.0.1:%d/hook
                route:
                  receiver: oncall
                  group_by: [alertname, model_name]
                  group_wait: 0s
                  repeat_interval: 4h
                  send_resolved: true
                """.formatted(receiver.getAddress().getPort()));
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        loki.close();
    }

    private void lokiAnswers(String value) {
        loki.reset();
        String result = value == null ? "[]"
                : "[{\"metric\":{\"model_name\":\"resnet50\"},\"value\":[" + System.currentTimeMillis() / 1000 + ",\"" + value + "\"]}]";
        loki.answer(r -> r.path().equals("/loki/api/v1/query"), LokiQueryStandIn.Answer.json(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}"));
    }

    private ServiceProcess service() throws Exception {
        return new ServiceProcess(System.getProperty("alert.jar", "target/quarkus-app/quarkus-run.jar"), Map.of(
                "LOKI_URL", loki.url(),
                "ALERT_RULES_DIR", dir.resolve("rules").toString(),
                "ALERT_RECEIVERS_FILE", dir.resolve("receivers.yaml").toString(),
                "ALERT_DATA_DIR", dir.resolve("data").toString()), dir.resolve("alert-service.log"));
    }

    private long count(String status) {
        return accepted.stream().filter(b -> b.contains("\"status\":\"" + status + "\"")).count();
    }

    @Test
    void killedWhileFiringNeitherLosesNorRepeatsANotification() throws Exception {
        lokiAnswers("12");
        refuse = true;
        ServiceProcess first = service().start();
        Await.until(Duration.ofSeconds(30), "a refused delivery attempt", () -> refusals >= 1);
        first.kill(); // the firing notification is in the outbox, undelivered

        refuse = false;
        ServiceProcess second = service().start();
        Await.until(Duration.ofSeconds(60), "the firing notification", () -> count("firing") >= 1);
        Thread.sleep(4_000); // several evaluations at a 1 s interval
        assertThat(count("firing")).as("delivered once after the restart").isEqualTo(1);
        second.kill(); // now killed after delivery

        try (ServiceProcess third = service().start()) {
            Thread.sleep(4_000);
            assertThat(count("firing")).as("not sent again after a second restart").isEqualTo(1);
            lokiAnswers(null);
            Await.until(Duration.ofSeconds(60), "the resolved notification", () -> count("resolved") >= 1);
            Thread.sleep(3_000);
            assertThat(count("resolved")).isEqualTo(1);
            assertThat(count("firing")).isEqualTo(1);
            assertThat(accepted.get(0)).contains("\"version\":\"4\"").contains("TritonErrorBurst").contains("resnet50");
        }
    }
}
