package io.tritonlogs.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.LokiQueryStandIn.Answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki answers for the query stand-in, in Loki's exact format: the envelope (status, resultType,
 * stats) of a recorded Loki 3.4.2 answer from {@code fixtures/loki-3.4.2/} with its
 * {@code result} replaced by what the push stand-in received. Nothing here evaluates LogQL.
 */
final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** A {@code streams} answer holding these entries, grouped by label set, each stream in {@code direction}. */
    static Answer streams(List<LokiSide.Entry> entries, String direction) {
        Map<Map<String, String>, List<LokiSide.Entry>> byStream = new LinkedHashMap<>();
        entries.forEach(e -> byStream.computeIfAbsent(e.labels(), k -> new ArrayList<>()).add(e));
        ArrayNode result = JSON.createArrayNode();
        byStream.forEach((labels, values) -> {
            ObjectNode stream = result.addObject();
            ObjectNode labelNode = stream.putObject("stream");
            labels.forEach(labelNode::put);
            ArrayNode valueNode = stream.putArray("values");
            List<LokiSide.Entry> sorted = new ArrayList<>(values);
            Comparator<LokiSide.Entry> byTime = Comparator.comparingLong(LokiSide.Entry::timestampNanos);
            sorted.sort("forward".equals(direction) ? byTime : byTime.reversed());
            sorted.forEach(e -> valueNode.addArray().add(String.valueOf(e.timestampNanos())).add(e.line()));
        });
        return withResult("query_range-errors", result);
    }

    /** A {@code vector} answer: one sample per model with its value, at {@code epochSeconds}. */
    static Answer vector(Map<String, Long> valueByModel, long epochSeconds) {
        return vector("model_name", valueByModel, epochSeconds);
    }

    /** An instant-query {@code vector} answer: one sample per value of {@code label}. */
    static Answer vector(String label, Map<String, Long> valueByLabel, long epochSeconds) {
        ArrayNode result = JSON.createArrayNode();
        valueByLabel.forEach((model, value) -> {
            ObjectNode sample = result.addObject();
            sample.putObject("metric").put(label, model);
            sample.putArray("value").add(epochSeconds).add(String.valueOf(value));
        });
        return withResult("query-instant-alert-expr", result);
    }

    private static Answer withResult(String recorded, ArrayNode result) {
        Answer template = LokiQueryStandIn.recorded(recorded);
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(template.body());
            ((ObjectNode) body.get("data")).set("result", result);
            return Answer.json(200, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
