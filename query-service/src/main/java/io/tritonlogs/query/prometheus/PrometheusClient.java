package io.tritonlogs.query.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.config.PrometheusConfig;
import io.tritonlogs.query.loki.LokiException;
import io.tritonlogs.query.loki.UpstreamHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prometheus' instant query API ({@code /api/v1/query}), when {@code prometheus.url} is set. */
@ApplicationScoped
public class PrometheusClient {

    private final Optional<UpstreamHttp> http;

    PrometheusClient(PrometheusConfig config, ObjectMapper json) {
        this.http = config.url().filter(u -> !u.isBlank())
                .map(url -> new UpstreamHttp("Prometheus", url, Duration.ofSeconds(5), config.timeout(), List.of(), json));
    }

    public boolean configured() {
        return http.isPresent();
    }

    /** Prometheus' {@code data} for {@code promql} at {@code time}. */
    public Uni<JsonNode> query(String promql, Instant time) {
        if (http.isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException("prometheus.url is not set"));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", promql);
        params.put("time", time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000));
        return http.get().get("/api/v1/query", params).map(body -> {
            if (!"success".equals(body.path("status").asText())) {
                throw new LokiException(LokiException.Kind.FAILED, "Prometheus", "Prometheus answered without success: "
                        + body.path("error").asText(""), null);
            }
            return body.path("data");
        });
    }

}
