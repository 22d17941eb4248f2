package io.tritonlogs.query.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.config.PrometheusConfig;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiHttpClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus' instant query API ({@code /api/v1/query}), when {@code prometheus.url} is set, through
 * the shared {@link LokiHttpClient} (client {@code prometheus}): Prometheus answers the way Loki does.
 */
@ApplicationScoped
public class PrometheusClient {

    private static final String NAME = "Prometheus";
    private static final String QUERY_PATH = "/api/v1/query";

    private final Optional<LokiHttpClient> http;
    private final ObjectMapper json;

    PrometheusClient(PrometheusConfig config, ObjectMapper json, MeterRegistry registry) {
        this.http = config.url().filter(u -> !u.isBlank()).map(url -> new LokiHttpClient(
                LokiConnection.anonymous(url, Duration.ofSeconds(5), config.timeout()), "prometheus", "triton-logs-query", registry));
        this.json = json;
    }

    public boolean configured() {
        return http.isPresent();
    }

    /** Prometheus' {@code data} for {@code promql} at {@code time}. */
    public Uni<JsonNode> query(String promql, Instant time) {
        if (http.isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException("prometheus.url is not set"));
        }
        LokiHttpClient client = http.get();
        List<Map.Entry<String, String>> params = List.of(Map.entry("query", promql),
                Map.entry("time", time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000)));
        HttpRequest request = client.request(QUERY_PATH, params).GET().header("Accept", "application/json").build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure().transform(failure -> LokiException.unanswered(NAME, client.classify(failure)))
                .map(this::data);
    }

    private JsonNode data(HttpResponse<String> response) {
        String text = response.body() == null ? "" : response.body();
        if (response.statusCode() != 200) {
            throw LokiException.answered(NAME, QUERY_PATH, response.statusCode(), text);
        }
        JsonNode body;
        try {
            body = json.readTree(text);
        } catch (IOException e) {
            throw new LokiException(LokiException.Kind.FAILED, NAME, NAME + " answered " + QUERY_PATH + " with JSON that could not be read", e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new LokiException(LokiException.Kind.FAILED, NAME, NAME + " answered without success: " + body.path("error").asText(""), null);
        }
        return body.path("data");
    }
}
