package io.tritonlogs.alert.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.time.Timestamps;
import io.tritonlogs.support.loki.LokiHttpClient;
import io.tritonlogs.support.loki.LokiHttpException;
import io.tritonlogs.support.loki.VectorAnswers;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs LogQL instant queries ({@code GET /loki/api/v1/query}) for the rules and reads Loki's vector
 * answers. Any failure, including an answer in an unexpected shape, is a {@link LokiQueryException}:
 * never an empty result. Thread-safe.
 */
public final class LokiQueryClient {

    private final LokiHttpClient http;
    private final ObjectMapper json;

    public LokiQueryClient(LokiHttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    public List<Sample> instantQuery(String query, Instant time) throws LokiQueryException {
        HttpResponse<String> response;
        try {
            response = http.send(http.request("/loki/api/v1/query", List.of(Map.entry("query", query), Map.entry("time", Long.toString(Timestamps.unixNanos(time)))))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (LokiHttpException e) {
            throw new LokiQueryException(e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new LokiQueryException("Loki answered " + response.statusCode() + ": " + LokiHttpClient.firstLine(response.body()));
        }
        try {
            return VectorAnswers.parse(response.body(), json).stream().map(s -> new Sample(s.labels(), s.value())).toList();
        } catch (VectorAnswers.MalformedAnswerException e) {
            throw new LokiQueryException(e.getMessage());
        }
    }
}
