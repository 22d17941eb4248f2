package io.tritonlogs.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's flow through the three packaged services: a busybox container (network none)
 * replays a real Triton session ({@code fixtures/triton-logs/03-legacy-traffic.log}: an
 * error burst of 8 {@code E} lines, 4 for {@code simple_identity}, 3 carrying
 * {@code password=swordfish}); the collector ships it; the query-service answers
 * {@code /api/v1/logs/errors}; the alert-service fires once and resolves once to a local webhook
 * receiver. The secret never reaches Loki, the query answers or the webhook.
 *
 * <p>With {@code LOKI_URL} set everything runs on that Loki, and an error must be queryable through
 * the query-service within 5 s of its Docker timestamp; the alert resolves when the burst leaves
 * the rule's 1 m window.
 *
 * <p>Without it, the push stand-in receives the collector's pushes and the test checks them:
 * count, order, labels, no duplicates. The query stand-in evaluates no LogQL. After asserting the
 * pushes, the test scripts it with answers in Loki's exact format (a recorded Loki 3.4.2 answer's
 * envelope): for {@code query_range}, a {@code streams} result built from the ERROR entries the
 * push stand-in received for this container (those with {@code model_name="simple_identity"} for
 * the model's query); for the rule's instant query, a {@code vector} with the count of pushed
 * ERROR entries per model above the threshold while the burst is recent, then an empty vector
 * (the burst has left the window). The test asserts the exact LogQL each service sent.
 */
class UserFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODEL_IN_LINE = Pattern.compile("for model '([^']+)'");

    @Test
    void errorBurstReachesLokiIsQueryableFiresOnceResolvesOnceWithoutTheSecret() throws Exception {
        try (Chain chain = new Chain("flow")) {
            chain.start(Map.of());
            Instant written = Instant.now();
            chain.replay();
            LokiSide loki = chain.loki;
            // With a real Loki: how soon the first error is queryable, polled from the moment of writing
            // (the checks below wait for the whole burst and a quiet spell, which is not latency).
            Instant firstQueryable = null;
            long firstErrorNanos = 0;
            if (loki.real()) {
                String firstPath = "/api/v1/logs/errors?container=" + chain.container + "&since=15m&limit=1&direction=forward";
                AtomicReference<JsonNode> first = new AtomicReference<>();
                Await.until(Duration.ofSeconds(60), "the first error through the query-service", () -> {
                    first.set(json(chain.query.get(firstPath)));
                    return first.get().path("entries").size() >= 1;
                });
                firstQueryable = Instant.now();
                firstErrorNanos = Long.parseLong(first.get().path("entries").get(0).path("timestampNanos").asText());
            }

            // 1. Loki got the burst with the right labels, in order, once, redacted.
            chain.awaitBurstStored();
            List<LokiSide.Entry> all = Await.settled(Duration.ofSeconds(20), Duration.ofSeconds(2), () -> loki.entries(chain.container));
            List<String> expectedErrors = chain.expectedErrors();
            List<LokiSide.Entry> errors = chain.errors();
            assertThat(errors).extracting(LokiSide.Entry::line).containsExactlyElementsOf(expectedErrors);
            long records = chain.sessionLines().stream().filter(l -> l.matches("^[IWEF][0-9]{4} .*")).count();
            assertThat(all).as("one entry per Triton record (table rows join their record)").hasSize((int) records);
            Set<String> unique = new HashSet<>();
            all.forEach(e -> assertThat(unique.add(e.timestampNanos() + "\u0000" + e.line())).as("stored twice: " + e).isTrue());
            if (!loki.real()) {
                assertThat(loki.resentDuplicates()).as("re-sent entries").isZero();
                // Order: within each stream, entries arrived in the order they were written.
                Map<String, List<io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry>> streams = loki.pushStandIn().stored();
                streams.forEach((labels, entries) -> {
                    for (int i = 1; i < entries.size(); i++) {
                        assertThat(entries.get(i).timestampNanos()).as("order in " + labels).isGreaterThanOrEqualTo(entries.get(i - 1).timestampNanos());
                    }
                });
            }
            for (LokiSide.Entry e : all) {
                assertThat(e.line()).doesNotContain(Chain.SECRET);
                assertThat(e.labels().toString()).doesNotContain(Chain.SECRET);
                assertThat(e.labels()).containsEntry("container", chain.container).containsEntry("stream", "stdout")
                        .containsEntry("service", "triton").containsKey("level");
            }
            for (LokiSide.Entry e : errors) {
                Matcher m = MODEL_IN_LINE.matcher(e.line());
                if (m.find()) {
                    assertThat(e.labels()).as(e.line()).containsEntry("model_name", m.group(1));
                }
            }
            assertThat(errors.stream().filter(e -> e.line().contains("password=***REDACTED***"))).hasSize(3);

            // 2. The query-service answers with the right level and model.
            String path = "/api/v1/logs/errors?container=" + chain.container + "&model=" + Chain.MODEL + "&since=15m";
            List<LokiSide.Entry> modelErrors = errors.stream().filter(e -> Chain.MODEL.equals(e.labels().get("model_name"))).toList();
            assertThat(modelErrors).hasSize(4);
            if (!loki.real()) {
                LokiQueryStandIn standIn = loki.queryStandIn();
                for (String direction : List.of("forward", "backward")) {
                    standIn.answer(r -> r.path().equals("/loki/api/v1/query_range") && direction.equals(r.param("direction"))
                                    && r.query() != null && r.query().contains("container=\"" + chain.container + "\"")
                                    && r.query().contains("model_name=\"" + Chain.MODEL + "\""),
                            Answers.streams(modelErrors, direction));
                    standIn.answer(r -> r.path().equals("/loki/api/v1/query_range") && direction.equals(r.param("direction"))
                                    && r.query() != null && r.query().contains("container=\"" + chain.container + "\"")
                                    && !r.query().contains("model_name="),
                            Answers.streams(errors, direction));
                }
            }
            AtomicReference<JsonNode> answer = new AtomicReference<>();
            Await.until(loki.real() ? Duration.ofSeconds(10) : Duration.ofSeconds(5), "the model's 4 errors from the query-service", () -> {
                answer.set(json(chain.query.get(path)));
                return answer.get().path("entries").size() >= 4;
            });
            Instant queryable = Instant.now();
            JsonNode body = answer.get();
            assertThat(body.path("entries")).hasSize(4);
            for (JsonNode entry : body.path("entries")) {
                assertThat(entry.path("parsed").path("level").asText()).isEqualTo("ERROR");
                assertThat(entry.path("parsed").path("model").asText()).isEqualTo(Chain.MODEL);
                assertThat(entry.path("labels").path("model_name").asText()).isEqualTo(Chain.MODEL);
                assertThat(entry.path("labels").path("container").asText()).isEqualTo(chain.container);
            }
            String allPath = "/api/v1/logs/errors?container=" + chain.container + "&since=15m";
            JsonNode allErrors = json(chain.query.get(allPath));
            assertThat(allErrors.path("entries")).hasSize(expectedErrors.size());
            assertThat(allErrors.toString()).doesNotContain(Chain.SECRET).contains("password=***REDACTED***");
            if (!loki.real()) {
                List<String> sent = loki.queryStandIn().requests("/loki/api/v1/query_range").stream().map(LokiQueryStandIn.Request::query).toList();
                assertThat(sent).contains(body.path("query").asText(), allErrors.path("query").asText());
                Suite.report("flow: query-service LogQL for the model: " + body.path("query").asText());
            } else {
                Duration latency = Duration.between(Instant.ofEpochSecond(0, firstErrorNanos), firstQueryable);
                Suite.report("flow: first error queryable through the query-service " + latency.toMillis() + " ms after its Docker timestamp");
                assertThat(latency).isLessThanOrEqualTo(Duration.ofSeconds(5));
            }
            assertThat(written).isBefore(queryable);

            // 3. The alert fires once and resolves once.
            if (!loki.real()) {
                chain.scriptBurstInWindow();
            }
            WebhookReceiver hook = chain.hook;
            Await.until(chain.firingTimeout(), "the firing notification", () -> hook.accepted("firing") >= 1);
            Thread.sleep(4_000); // four more evaluations at 1 s
            assertThat(hook.accepted("firing")).as("firing notifications").isEqualTo(1);
            if (!loki.real()) {
                chain.scriptBurstOutOfWindow();
            }
            Await.until(chain.resolvedTimeout(), "the resolved notification", () -> hook.accepted("resolved") >= 1);
            Thread.sleep(4_000);
            assertThat(hook.accepted("firing")).isEqualTo(1);
            assertThat(hook.accepted("resolved")).isEqualTo(1);
            assertThat(hook.accepted().get(0)).contains("\"version\":\"4\"").contains("TritonErrorBurst").contains(Chain.MODEL);
            hook.accepted().forEach(b -> assertThat(b).doesNotContain(Chain.SECRET));
            if (!loki.real()) {
                assertThat(loki.queryStandIn().requests("/loki/api/v1/query")).extracting(LokiQueryStandIn.Request::query)
                        .containsOnly(Suite.alertExpr(chain.container, Chain.THRESHOLD));
            }

            Suite.report("flow memory (JVM mode, -Xmx256m, after the flow): " + Suite.memory("collector", chain.collector)
                    + "; " + Suite.memory("query-service", chain.query) + "; " + Suite.memory("alert-service", chain.alert));
            Suite.tally("flow", chain.sessionLines().size(), all.size(), all.size() - unique.size(), loki.resentDuplicates(),
                    "firing " + hook.accepted("firing") + ", resolved " + hook.accepted("resolved"));
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
