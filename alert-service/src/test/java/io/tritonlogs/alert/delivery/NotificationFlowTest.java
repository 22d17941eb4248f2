package io.tritonlogs.alert.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.alert.notify.ReceiversFileParser;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.testing.LokiVectors;
import io.tritonlogs.alert.testing.MutableClock;
import io.tritonlogs.alert.testing.RecordingReceiver;
import io.tritonlogs.alert.testing.TestEngine;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tritonlogs.alert.testing.LokiVectors.vector;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path with real HTTP on loopback: Loki stand-in (scripted answers in Loki's format) →
 * evaluation → outbox → a recording webhook receiver. Time is a {@link MutableClock}: nothing sleeps.
 */
class NotificationFlowTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final String QUERY = "/loki/api/v1/query";
    static final String KEY = "s3cret-hmac-key";

    @TempDir
    Path dataDir;
    LokiQueryStandIn loki;
    RecordingReceiver receiver;
    MutableClock clock;

    @BeforeEach
    void start() {
        loki = new LokiQueryStandIn();
        receiver = new RecordingReceiver();
        clock = new MutableClock(T0);
    }

    @AfterEach
    void stop() {
        loki.close();
        receiver.close();
    }

    static RuleGroup group(String forDuration) {
        return new RuleFileParser(Duration.ofMinutes(1)).parse("triton.yaml", """
                groups:
                  - name: triton-errors
                    interval: 1m
                    rules:
                      - alert: TritonErrorBurst
                        expr: sum by (model_name) (count_over_time({level=~"ERROR|FATAL"}[1m])) > 10
                        for: %s
                        labels: {severity: critical}
                        annotations:
                          summary: "{{ $value }} errors for {{ $labels.model_name }}"
                """.formatted(forDuration)).get(0);
    }

    ReceiversConfig receivers(String type, String repeat) {
        return new ReceiversFileParser(Map.of("HOOK_KEY", KEY, "PD_KEY", "pd-routing-key")::get).parse("receivers.yaml", """
                receivers:
                  - name: oncall
                    type: %s
                    url: %s
                    secret: ${HOOK_KEY}
                    routing_key: ${PD_KEY}
                route:
                  receiver: oncall
                  group_by: [alertname, model_name]
                  group_wait: 0s
                  repeat_interval: %s
                  send_resolved: true
                """.formatted(type, receiver.url("/hook"), repeat));
    }

    void errors(String value) {
        loki.answer(r -> r.path().equals(QUERY), vector(clock.instant().getEpochSecond(), Map.of("model_name", "resnet"), value));
    }

    /** One scheduler step: evaluate the group, then deliver what is due. */
    void step(TestEngine engine, RuleGroup group) {
        engine.evaluator.evaluateGroup(group, clock.instant());
        engine.deliverer.deliverDue(clock.instant());
    }

    @Test
    void crossingTheThresholdFiresOnceAfterForRepeatsOnlyAfterRepeatIntervalAndResolvesOnce() {
        RuleGroup group = group("2m");
        TestEngine engine = new TestEngine(dataDir, loki.url(), receivers("alertmanager", "1h"));
        errors("12");

        step(engine, group); // t=0: pending
        clock.advance(Duration.ofMinutes(1));
        step(engine, group); // t=1m: still pending
        assertThat(receiver.all()).isEmpty();
        assertThat(engine.store.all()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.PENDING));

        clock.advance(Duration.ofMinutes(1));
        step(engine, group); // t=2m: firing
        assertThat(receiver.accepted()).hasSize(1);
        RecordingReceiver.Received firing = receiver.accepted().get(0);
        JsonNode body = firing.json();
        assertThat(body.path("version").asText()).isEqualTo("4");
        assertThat(body.path("status").asText()).isEqualTo("firing");
        assertThat(body.path("receiver").asText()).isEqualTo("oncall");
        assertThat(body.path("groupKey").asText()).isEqualTo("{}:{alertname=\"TritonErrorBurst\", model_name=\"resnet\"}");
        assertThat(body.path("groupLabels").path("model_name").asText()).isEqualTo("resnet");
        assertThat(body.path("commonLabels").path("severity").asText()).isEqualTo("critical");
        assertThat(body.path("externalURL").asText()).isEqualTo("http://127.0.0.1:8083");
        JsonNode alert = body.path("alerts").get(0);
        assertThat(alert.path("status").asText()).isEqualTo("firing");
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("TritonErrorBurst");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("12 errors for resnet");
        assertThat(alert.path("startsAt").asText()).isEqualTo("2026-11-25T10:02:00Z");
        assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.path("fingerprint").asText()).hasSize(16);
        assertThat(alert.path("generatorURL").asText()).startsWith("http://127.0.0.1:8083/api/v1/rules?rule=");
        assertSigned(firing, T0.plusSeconds(120));
        assertThat(loki.requests(QUERY)).allSatisfy(r -> assertThat(r.query()).isEqualTo(group.rules().get(0).expr()));
        assertThat(loki.requests(QUERY).get(0).param("time")).isEqualTo(Long.toString(T0.getEpochSecond() * 1_000_000_000L));

        for (int minute = 3; minute < 62; minute++) { // still firing, repeat_interval (1h) not over
            clock.advance(Duration.ofMinutes(1));
            step(engine, group);
        }
        assertThat(receiver.accepted()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        step(engine, group); // t=62m: 1h after the first send
        assertThat(receiver.accepted()).hasSize(2);
        assertThat(receiver.accepted().get(1).json().path("status").asText()).isEqualTo("firing");
        assertThat(receiver.accepted().get(1).header("Idempotency-Key")).isNotEqualTo(firing.header("Idempotency-Key"));

        loki.answer(r -> r.path().equals(QUERY), LokiVectors.empty()); // errors stop
        clock.advance(Duration.ofMinutes(1));
        step(engine, group);
        clock.advance(Duration.ofMinutes(1));
        step(engine, group);
        clock.advance(Duration.ofMinutes(1));
        step(engine, group);
        assertThat(receiver.accepted()).hasSize(3);
        JsonNode resolved = receiver.accepted().get(2).json();
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("endsAt").asText()).isEqualTo("2026-11-25T11:03:00Z");
        assertThat(receiver.all()).hasSize(3);
        assertThat(engine.counter("alert_notifications_sent_total", "receiver", "oncall")).isEqualTo(3);
        assertThat(engine.counter("alert_evaluations_total", "group", "triton-errors")).isEqualTo(66);
    }

    @Test
    void aReceiverAnswering500ForTwoMinutesGetsTheNotificationExactlyOnceAfterwards() {
        RuleGroup group = group("0s");
        TestEngine engine = new TestEngine(dataDir, loki.url(), receivers("alertmanager", "4h"));
        Instant recovers = T0.plus(Duration.ofMinutes(2));
        receiver.answerWith(() -> clock.instant().isBefore(recovers) ? 500 : 200);
        errors("12");

        engine.evaluator.evaluateGroup(group, clock.instant());
        for (int second = 0; second <= 300; second += 5) { // the scheduler's tick, 5 simulated seconds apart
            clock.set(T0.plusSeconds(second));
            if (second % 60 == 0) {
                engine.evaluator.evaluateGroup(group, clock.instant());
            }
            engine.deliverer.deliverDue(clock.instant());
        }

        assertThat(receiver.accepted()).hasSize(1);
        List<RecordingReceiver.Received> refused = receiver.all().stream().filter(r -> r.answeredWith() == 500).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(5);
        assertThat(refused).allSatisfy(r -> assertThat(r.body()).isEqualTo(receiver.accepted().get(0).body()));
        long deliveredAt = Long.parseLong(receiver.accepted().get(0).header("X-Triton-Alerts-Timestamp"));
        assertThat(deliveredAt).isGreaterThanOrEqualTo(recovers.getEpochSecond()).isLessThanOrEqualTo(recovers.getEpochSecond() + 40);
        assertThat(engine.outbox.entries()).isEmpty();
        assertThat(engine.log.recent(100)).extracting(DeliveryRecord::outcome).contains("retrying", "delivered");
        assertThat(engine.counter("alert_notifications_failed_total", "receiver", "oncall")).isEqualTo(refused.size());
        assertThat(engine.counter("alert_notifications_sent_total", "receiver", "oncall")).isEqualTo(1);
    }

    @Test
    void aResolvedNotificationNeverOvertakesItsFiringOneWaitingForARetry() {
        RuleGroup group = group("0s");
        TestEngine engine = new TestEngine(dataDir, loki.url(), receivers("pagerduty", "4h"));
        Instant recovers = T0.plusSeconds(60);
        receiver.answerWith(() -> clock.instant().isBefore(recovers) ? 503 : 200);
        errors("12");
        engine.evaluator.evaluateGroup(group, clock.instant());
        for (int second = 0; second < 60; second++) { // failures at 0, 1, 3, 7, 15, 31 s: the next try is at 61 s
            clock.set(T0.plusSeconds(second));
            engine.deliverer.deliverDue(clock.instant());
        }
        assertThat(receiver.accepted()).isEmpty();

        loki.answer(r -> r.path().equals(QUERY), LokiVectors.empty()); // errors stop as the receiver comes back
        clock.set(recovers);
        engine.evaluator.evaluateGroup(group, clock.instant());
        for (int second = 60; second <= 70; second++) {
            clock.set(T0.plusSeconds(second));
            engine.deliverer.deliverDue(clock.instant());
        }

        assertThat(receiver.accepted()).extracting(r -> r.json().path("event_action").asText()).containsExactly("trigger", "resolve");
        assertThat(engine.outbox.entries()).isEmpty();
    }

    @Test
    void aRestartWhileFiringNeitherRepeatsADeliveredNotificationNorLosesAQueuedOne() {
        RuleGroup group = group("0s");
        ReceiversConfig receivers = receivers("json", "4h");
        errors("12");
        TestEngine first = new TestEngine(dataDir, loki.url(), receivers);
        step(first, group);
        assertThat(receiver.accepted()).hasSize(1);

        // "killed" and started again over the same data directory, still firing
        TestEngine second = new TestEngine(dataDir, loki.url(), receivers);
        clock.advance(Duration.ofMinutes(1));
        step(second, group);
        assertThat(receiver.all()).hasSize(1);
        assertThat(second.store.all()).singleElement().satisfies(a -> assertThat(a.firedAt()).isEqualTo(T0));

        // a second model crosses the threshold while the receiver is down; then the process dies
        loki.answer(r -> r.path().equals(QUERY), LokiQueryStandIn.Answer.json(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"model_name":"resnet"},"value":[1795534410.727,"12"]},
                 {"metric":{"model_name":"bert"},"value":[1795534410.727,"40"]}],"stats":{}}}"""));
        receiver.answerWith(() -> 503);
        clock.advance(Duration.ofMinutes(1));
        step(second, group);
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(second.outbox.entries()).hasSize(1);

        receiver.answerWith(() -> 200);
        TestEngine third = new TestEngine(dataDir, loki.url(), receivers);
        clock.advance(Duration.ofMinutes(1));
        step(third, group);
        clock.advance(Duration.ofMinutes(1));
        step(third, group);

        assertThat(receiver.accepted()).hasSize(2);
        JsonNode bert = receiver.accepted().get(1).json();
        assertThat(bert.path("groupLabels").path("model_name").asText()).isEqualTo("bert");
        assertThat(bert.path("alerts").get(0).path("value").asText()).isEqualTo("40");
        assertThat(third.outbox.entries()).isEmpty();
        assertThat(receiver.accepted()).extracting(r -> r.header("Idempotency-Key")).doesNotHaveDuplicates();
    }

    @Test
    void aRuleFileRefusedAfterARestartKeepsItsAlertsFiringWhileARemovedRuleResolves() {
        RuleGroup group = group("0s");
        ReceiversConfig receivers = receivers("json", "4h");
        errors("12");
        step(new TestEngine(dataDir, loki.url(), receivers), group);
        assertThat(receiver.accepted()).hasSize(1);

        // restarted with triton.yaml broken: none of its rules is loaded, none was evaluated
        TestEngine restarted = new TestEngine(dataDir, loki.url(), receivers);
        restarted.store.retainRules(java.util.Set.of(), java.util.Set.of("triton.yaml"));
        clock.advance(Duration.ofMinutes(1));
        restarted.dispatch.dispatch(clock.instant());
        restarted.deliverer.deliverDue(clock.instant());
        assertThat(receiver.all()).hasSize(1);
        assertThat(restarted.store.all()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));

        // the file is fixed and no longer has the rule: its alert is resolved
        restarted.store.retainRules(java.util.Set.of(), java.util.Set.of());
        clock.advance(Duration.ofMinutes(1));
        restarted.dispatch.dispatch(clock.instant());
        restarted.deliverer.deliverDue(clock.instant());
        assertThat(receiver.accepted()).hasSize(2);
        assertThat(receiver.accepted().get(1).json().path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void aCrashBeforeTheStateWasSavedDoesNotSendTheSameNotificationTwice() throws Exception {
        RuleGroup group = group("0s");
        ReceiversConfig receivers = receivers("json", "4h");
        errors("12");
        TestEngine first = new TestEngine(dataDir, loki.url(), receivers);
        step(first, group);
        assertThat(receiver.accepted()).hasSize(1);
        // the process died after queuing and delivering, before state.json reached the disk
        java.nio.file.Files.delete(dataDir.resolve("state.json"));

        TestEngine second = new TestEngine(dataDir, loki.url(), receivers);
        step(second, group);
        clock.advance(Duration.ofMinutes(1));
        step(second, group);
        assertThat(receiver.all()).hasSize(1);
        assertThat(second.outbox.entries()).isEmpty();
    }

    @Test
    void aFailedEvaluationIsReportedAndNeverResolvesTheAlert() {
        RuleGroup group = group("0s");
        TestEngine engine = new TestEngine(dataDir, loki.url(), receivers("alertmanager", "4h"));
        errors("12");
        step(engine, group);
        assertThat(receiver.accepted()).hasSize(1);
        String rule = group.rules().get(0).key();

        List<LokiQueryStandIn.Answer> failures = List.of(
                LokiQueryStandIn.Answer.json(503, "too many outstanding requests"),
                LokiQueryStandIn.Answer.json(200, "<html>not json</html>"),
                LokiQueryStandIn.Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}"),
                LokiQueryStandIn.Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}"));
        for (LokiQueryStandIn.Answer failure : failures) {
            loki.answer(r -> r.path().equals(QUERY), failure);
            clock.advance(Duration.ofMinutes(1));
            step(engine, group);
            assertThat(engine.evaluator.health(rule).health()).isEqualTo("err");
            assertThat(engine.store.all()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        }
        loki.close(); // Loki gone altogether
        clock.advance(Duration.ofMinutes(1));
        step(engine, group);
        assertThat(engine.evaluator.health(rule).lastError()).contains("unreachable");
        assertThat(engine.store.all()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        assertThat(receiver.all()).hasSize(1);
        assertThat(engine.counter("alert_evaluation_failures_total", "rule", "TritonErrorBurst")).isEqualTo(5);
    }

    @Test
    void pagerDutyTriggersAndResolvesWithOneStableDedupKey() {
        RuleGroup group = group("0s");
        TestEngine engine = new TestEngine(dataDir, loki.url(), receivers("pagerduty", "4h"));
        errors("12");
        step(engine, group);
        loki.answer(r -> r.path().equals(QUERY), LokiVectors.empty());
        clock.advance(Duration.ofMinutes(1));
        step(engine, group);

        assertThat(receiver.accepted()).hasSize(2);
        JsonNode trigger = receiver.accepted().get(0).json();
        JsonNode resolve = receiver.accepted().get(1).json();
        assertThat(trigger.path("routing_key").asText()).isEqualTo("pd-routing-key");
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("source").asText()).isEqualTo("alert-service");
        assertThat(trigger.path("payload").path("summary").asText()).isEqualTo("[FIRING:1] TritonErrorBurst (model_name=resnet): 12 errors for resnet");
        assertThat(trigger.path("payload").path("timestamp").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(trigger.path("payload").path("custom_details").path("num_firing").asInt()).isEqualTo(1);
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText()).hasSize(32);
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void slackAndPlainJsonPayloads() {
        RuleGroup group = group("0s");
        errors("12");
        TestEngine slack = new TestEngine(dataDir.resolve("slack"), loki.url(), receivers("slack", "4h"));
        step(slack, group);
        JsonNode s = receiver.accepted().get(0).json();
        assertThat(s.path("text").asText()).isEqualTo("[FIRING:1] TritonErrorBurst (model_name=resnet)");
        assertThat(s.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
        assertThat(s.path("attachments").get(0).path("text").asText()).isEqualTo("12 errors for resnet");

        TestEngine json = new TestEngine(dataDir.resolve("json"), loki.url(), receivers("json", "4h"));
        step(json, group);
        JsonNode j = receiver.accepted().get(1).json();
        assertThat(j.path("version").asText()).isEqualTo("1");
        assertThat(j.path("status").asText()).isEqualTo("firing");
        assertThat(j.path("id").asText()).isEqualTo(receiver.accepted().get(1).header("Idempotency-Key"));
        assertThat(j.path("alerts").get(0).path("name").asText()).isEqualTo("TritonErrorBurst");
        assertThat(j.path("alerts").get(0).path("value").asText()).isEqualTo("12");
        assertThat(j.path("alerts").get(0).path("endsAt").isNull()).isTrue();
    }

    static void assertSigned(RecordingReceiver.Received request, Instant at) {
        String timestamp = request.header("X-Triton-Alerts-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(at.getEpochSecond()));
        assertThat(request.header("X-Triton-Alerts-Signature"))
                .isEqualTo(Signer.sign(KEY, at.getEpochSecond(), request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("Idempotency-Key")).hasSize(32);
    }

    /**
     * The outbox side of an alertmanager-api receiver while its Alertmanager answers 503 (this
     * recording server only records what is sent; Alertmanager's own handling is AlertmanagerApiTest's):
     * a firing notification that a newer one replaces is dropped, not sent late with an endsAt already
     * past; the resolution still follows the firing one it belongs after.
     */
    @Test
    void aFiringNotificationToAlertmanagersApiThatANewerOneReplacesIsDroppedAndTheResolutionStillFollows() {
        RuleGroup group = group("0s");
        TestEngine engine = new TestEngine(dataDir, loki.url(), receivers("alertmanager-api", "4h"));
        receiver.answerWith(() -> 503);
        errors("12");
        step(engine, group); // t=0: firing #1, refused
        clock.advance(Duration.ofMinutes(1));
        step(engine, group); // t=1m: firing #2 (the resend); #1 is superseded, #2 refused
        assertThat(engine.log.recent(100)).extracting(DeliveryRecord::outcome).contains("superseded");
        loki.reset();
        loki.answer(r -> true, LokiVectors.empty());
        clock.advance(Duration.ofSeconds(30));
        step(engine, group); // t=1m30s: resolved #3, held behind #2's retry
        receiver.answerWith(() -> 200);
        clock.advance(Duration.ofSeconds(30));
        engine.deliverer.deliverDue(clock.instant());

        assertThat(receiver.all()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/hook/api/v2/alerts"));
        assertThat(receiver.accepted()).hasSize(2);
        JsonNode firing = receiver.accepted().get(0).json().get(0);
        assertThat(firing.path("endsAt").asText()).isEqualTo(T0.plus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(4)).toString());
        assertThat(firing.path("startsAt").asText()).isEqualTo(T0.toString());
        JsonNode resolved = receiver.accepted().get(1).json().get(0);
        assertThat(resolved.path("endsAt").asText()).isEqualTo(T0.plusSeconds(90).toString());
        assertThat(resolved.path("labels")).isEqualTo(firing.path("labels"));
        assertThat(engine.outbox.entries()).isEmpty();
    }
}
