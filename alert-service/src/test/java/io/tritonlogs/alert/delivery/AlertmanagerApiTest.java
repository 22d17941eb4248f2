package io.tritonlogs.alert.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.alert.notify.GeneratorUrl;
import io.tritonlogs.alert.notify.ReceiversFileParser;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.testing.LokiSignal;
import io.tritonlogs.alert.testing.RealAlertmanager;
import io.tritonlogs.alert.testing.RecordingReceiver;
import io.tritonlogs.alert.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code alertmanager-api} receiver against a real Alertmanager (one per test), whose own receiver
 * is a webhook to a real local HTTP server. The service's core (evaluator, state machine, dispatcher,
 * outbox, deliverer) runs on real time, its rule evaluated against the real Loki where there is one,
 * else the query stand-in. The route's group_wait (30s) and repeat_interval (4h) are there to show
 * that they do not hold back the feed.
 */
class AlertmanagerApiTest {

    static final Duration RESEND = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String GENERATOR_BASE = "http://127.0.0.1:8082";

    @TempDir
    Path dataDir;
    RecordingReceiver webhook;
    RealAlertmanager alertmanager;
    LokiSignal loki;
    TestEngine engine;
    RuleGroup group;

    @BeforeEach
    void start() {
        assumeTrue(RealAlertmanager.binary().isPresent(), RealAlertmanager.absent());
        webhook = new RecordingReceiver();
        alertmanager = new RealAlertmanager(webhook.url("/hook"));
        loki = new LokiSignal();
        System.out.println("[AlertmanagerApiTest] Alertmanager at " + alertmanager.url() + ", rules read the " + loki.describe());
    }

    @AfterEach
    void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (loki != null) {
            loki.close();
        }
    }

    /** The rule, evaluated every second, with {@code window} as its range; the engine feeding this test's Alertmanager. */
    void rule(String window) {
        group = new RuleFileParser(Duration.ofMinutes(1)).parse("am.yaml", """
                groups:
                  - name: am-feed
                    interval: 1s
                    rules:
                      - alert: TritonErrorsToAlertmanager
                        expr: '%s'
                        labels: {severity: critical}
                        annotations:
                          summary: "{{ $value }} errors for {{ $labels.model_name }}"
                """.formatted(loki.expr(window))).get(0);
        engine = new TestEngine(dataDir, loki.url(), new ReceiversFileParser(n -> null).parse("receivers.yaml", """
                receivers:
                  - {name: am, type: alertmanager-api, url: "%s/"}
                route: {receiver: am, group_by: [alertname], group_wait: 30s, repeat_interval: 4h}
                """.formatted(alertmanager.url())), RESEND, new GeneratorUrl(GENERATOR_BASE, "loki"));
    }

    @Test
    void aFiringAlertIsInAlertmanagerWithItsLabelsAnnotationsAndGeneratorUrlAndIsKeptAliveByResends() {
        rule("10m");
        String run = run();
        loki.raise(run, "resnet", 3);

        JsonNode first = await("the alert in Alertmanager", () -> single(alertmanager.alerts("run=\"" + run + "\"")));
        assertThat(labels(first)).isEqualTo(Map.of("alertname", "TritonErrorsToAlertmanager", "severity", "critical",
                "model_name", "resnet", "run", run));
        assertThat(first.path("annotations").path("summary").asText()).isEqualTo("3 errors for resnet");
        assertThat(first.path("generatorURL").asText())
                .isEqualTo(GENERATOR_BASE + "/loki/api/v1/query_range?query=" + URLEncoder.encode(loki.expr("10m"), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        assertThat(first.path("status").path("state").asText()).isEqualTo("active");
        Instant startsAt = Instant.parse(first.path("startsAt").asText());
        Instant endsAt = Instant.parse(first.path("endsAt").asText());
        // 4 × max(resend delay 5s, interval 1s), counted from the evaluation that sent it
        assertThat(Duration.between(startsAt, endsAt)).isGreaterThanOrEqualTo(RESEND.multipliedBy(4));

        JsonNode resent = await("a resend that moves endsAt on", () -> single(alertmanager.alerts("run=\"" + run + "\""))
                .filter(a -> Instant.parse(a.path("endsAt").asText()).isAfter(endsAt)));
        assertThat(Instant.parse(resent.path("startsAt").asText())).isEqualTo(startsAt);
        assertThat(engine.log.recent(1000)).filteredOn(r -> r.outcome().equals("delivered") && r.status().equals("firing")).hasSizeGreaterThanOrEqualTo(2);

        JsonNode notified = await("Alertmanager's webhook notification", () -> webhookAlerts(run, "firing").stream().findFirst());
        assertThat(labels(notified)).containsEntry("run", run).containsEntry("model_name", "resnet");
        assertThat(notified.path("generatorURL").asText()).isEqualTo(first.path("generatorURL").asText());
    }

    @Test
    void aSilenceMadeInAlertmanagerSuppressesTheWebhookNotification() {
        rule("10m");
        String silenced = run();
        String control = run();
        String silenceId = alertmanager.silence("run", silenced, Duration.ofMinutes(10));
        loki.raise(silenced, "resnet", 3);
        loki.raise(control, "bert", 3);

        JsonNode suppressed = await("the silenced alert reported suppressed", () -> single(alertmanager.alerts("run=\"" + silenced + "\""))
                .filter(a -> a.path("status").path("state").asText().equals("suppressed")));
        assertThat(suppressed.path("status").path("silencedBy").toString()).contains(silenceId);
        // The control alert went in with the same request: once its notification is out, the silenced
        // one has had its group_wait as well; a few more group intervals are watched for good measure.
        await("the control alert's webhook notification", () -> webhookAlerts(control, "firing").stream().findFirst());
        Instant watchUntil = Instant.now().plusSeconds(4);
        await("the watch to end", () -> Instant.now().isAfter(watchUntil) ? Optional.of(true) : Optional.empty());
        assertThat(webhookAlerts(silenced, "firing")).isEmpty();
        assertThat(webhookAlerts(silenced, "resolved")).isEmpty();
        assertThat(single(alertmanager.alerts("run=\"" + silenced + "\""))).get()
                .satisfies(a -> assertThat(a.path("status").path("state").asText()).isEqualTo("suppressed"));
    }

    @Test
    void aResolvedAlertReachesAlertmanagersWebhookExactlyOnceAsResolved() {
        rule("15s");
        String run = run();
        loki.raise(run, "resnet", 3);
        await("the firing webhook notification", () -> webhookAlerts(run, "firing").stream().findFirst());
        loki.clear(run);

        JsonNode resolved = await("the resolved webhook notification", () -> webhookAlerts(run, "resolved").stream().findFirst());
        assertThat(labels(resolved)).containsEntry("run", run);
        Instant endsAt = Instant.parse(resolved.path("endsAt").asText());
        assertThat(endsAt).isBefore(Instant.now());
        // Alertmanager flushes a group every group_interval (1s): watch a few of them for a second "resolved"
        Instant watchUntil = Instant.now().plusSeconds(4);
        await("the watch to end", () -> Instant.now().isAfter(watchUntil) ? Optional.of(true) : Optional.empty());
        assertThat(webhookAlerts(run, "resolved")).hasSize(1);
        assertThat(alertmanager.alerts("run=\"" + run + "\"")).isEmpty();
        assertThat(engine.log.recent(1000)).filteredOn(r -> r.outcome().equals("delivered") && r.status().equals("resolved")).hasSize(1);
    }

    static String run() {
        return "r" + Long.toHexString(System.nanoTime());
    }

    /** Evaluates and delivers at real time until {@code check} has a value; fails with the evidence after {@link #TIMEOUT}. */
    <T> T await(String what, Supplier<Optional<T>> check) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            Instant now = Instant.now();
            engine.evaluator.evaluateGroup(group, now);
            engine.deliverer.deliverDue(now);
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                fail("no " + what + " within " + TIMEOUT + "; rule health " + engine.evaluator.health(group.rules().get(0).key())
                        + "; deliveries " + engine.log.recent(20) + "; webhook got " + webhook.all() + "; Alertmanager log:\n" + alertmanager.log());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** The alerts about {@code run} with {@code status} in every notification Alertmanager's webhook received. */
    List<JsonNode> webhookAlerts(String run, String status) {
        List<JsonNode> found = new ArrayList<>();
        for (RecordingReceiver.Received r : webhook.all()) {
            for (JsonNode alert : r.json().path("alerts")) {
                if (alert.path("labels").path("run").asText().equals(run) && alert.path("status").asText().equals(status)) {
                    found.add(alert);
                }
            }
        }
        return found;
    }

    static Optional<JsonNode> single(JsonNode alerts) {
        return alerts.size() == 1 ? Optional.of(alerts.get(0)) : Optional.empty();
    }

    static Map<String, String> labels(JsonNode alert) {
        Map<String, String> labels = new java.util.TreeMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
