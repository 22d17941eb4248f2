package io.tritonlogs.alert.testing;

import io.tritonlogs.common.testing.LokiQueryStandIn;

import java.util.Map;

/** Instant-query answers in Loki's exact format (see fixtures/loki-3.4.2/query-instant-*.json). */
public final class LokiVectors {

    private LokiVectors() {
    }

    public static LokiQueryStandIn.Answer vector(double at, Map<String, String> metric, String value) {
        StringBuilder labels = new StringBuilder("{");
        metric.forEach((k, v) -> labels.append(labels.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        labels.append('}');
        return LokiQueryStandIn.Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                + labels + ",\"value\":[" + at + ",\"" + value + "\"]}],\"stats\":{}}}");
    }

    public static LokiQueryStandIn.Answer empty() {
        return LokiQueryStandIn.Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[],\"stats\":{}}}");
    }
}
