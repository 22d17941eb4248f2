package io.tritonlogs.alert.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.RealLoki;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one test's rule reads: ERROR lines of a run, each run a series of
 * {@code sum by (model_name, run) (count_over_time({test="<key>", level="ERROR"}[window]))}. In the
 * real Loki ({@link RealLoki}) the lines are pushed and leave the window by themselves; where there
 * is none, the query stand-in answers queries naming the key in Loki's format, with the runs raised
 * and not cleared.
 */
public final class LokiSignal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key = "t" + Long.toHexString(System.nanoTime());
    private final String realUrl;
    private final LokiQueryStandIn standIn;
    private final Map<String, Integer> raised = new ConcurrentHashMap<>();
    private final Map<String, String> models = new ConcurrentHashMap<>();

    public LokiSignal() {
        realUrl = RealLoki.url().orElse(null);
        standIn = realUrl == null ? new LokiQueryStandIn() : null;
        if (standIn != null) {
            standIn.answer(r -> true, LokiVectors.empty());
            standIn.answer(r -> r.query() != null && r.query().contains(key), answer());
        }
    }

    public String url() {
        return realUrl != null ? realUrl : standIn.url();
    }

    public String describe() {
        return realUrl != null ? "real Loki at " + realUrl : "Loki query stand-in (" + RealLoki.describe() + ")";
    }

    /** The rule expression, counting over {@code window} (a LogQL range such as {@code 10m}). */
    public String expr(String window) {
        return "sum by (model_name, run) (count_over_time({test=\"" + key + "\", level=\"ERROR\"}[" + window + "])) > 0";
    }

    /** {@code lines} ERROR lines of {@code run} about {@code model}, stamped a second ago. */
    public void raise(String run, String model, int lines) {
        if (standIn != null) {
            raised.put(run, lines);
            models.put(run, model);
            standIn.answer(r -> r.query() != null && r.query().contains(key), answer());
            return;
        }
        Instant at = Instant.now().minusSeconds(1);
        List<PushEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            long ns = at.getEpochSecond() * 1_000_000_000L + at.getNano() + i;
            entries.add(new PushEntry(ns, "E1125 10:00:00.000000 1 model_lifecycle.cc:469] failed to run " + model + ": CUDA error " + i));
        }
        LabelSet labels = LabelSet.of(Map.of("container", "alert-test", "service", "alert-test", "level", "ERROR", "model_name", model,
                "stream", "stderr", "test", key, "run", run));
        byte[] body = new ProtobufPushEncoder().encodeToArray(List.of(new PushStream(labels, entries)));
        try {
            HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realUrl + "/loki/api/v1/push"))
                    .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (pushed.statusCode() != 204) {
                throw new IllegalStateException("Loki refused the push: " + pushed.statusCode() + " " + pushed.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot push to Loki at " + realUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stand-in stops returning {@code run}; in the real Loki its lines leave the rule's window by themselves. */
    public void clear(String run) {
        if (standIn != null) {
            raised.remove(run);
            standIn.answer(r -> r.query() != null && r.query().contains(key), answer());
        }
    }

    private LokiQueryStandIn.Answer answer() {
        ObjectNode root = JSON.createObjectNode().put("status", "success");
        ObjectNode data = root.putObject("data").put("resultType", "vector");
        ArrayNode result = data.putArray("result");
        double at = Instant.now().toEpochMilli() / 1000.0;
        raised.forEach((run, lines) -> {
            ObjectNode series = result.addObject();
            series.putObject("metric").put("model_name", models.get(run)).put("run", run);
            series.putArray("value").add(at).add(Integer.toString(lines));
        });
        data.putObject("stats");
        return LokiQueryStandIn.Answer.json(200, root.toString());
    }

    @Override
    public void close() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
