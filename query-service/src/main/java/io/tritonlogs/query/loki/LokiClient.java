package io.tritonlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.config.LokiConfig;
import io.tritonlogs.query.config.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki's query API ({@code /loki/api/v1/query}, {@code query_range}, {@code labels},
 * {@code label/{name}/values}, {@code series}). Queries arrive already checked and policy-enforced
 * (see {@code QueryRunner}); this type only speaks HTTP. Answers are Loki's {@code data} member.
 */
@ApplicationScoped
public class LokiClient {

    private final UpstreamHttp http;
    private final boolean tenantConfigured;

    LokiClient(LokiConfig loki, QueryConfig config, ObjectMapper json) {
        List<String> headers = new ArrayList<>();
        loki.tenantId().filter(t -> !t.isBlank()).ifPresent(t -> headers.addAll(List.of("X-Scope-OrgID", t)));
        loki.bearerToken().filter(t -> !t.isBlank()).ifPresent(t -> headers.addAll(List.of("Authorization", "Bearer " + t)));
        this.tenantConfigured = loki.tenantId().filter(t -> !t.isBlank()).isPresent();
        this.http = new UpstreamHttp("Loki", loki.url(), loki.connectTimeout(), config.limits().timeout(), headers, json);
    }

    public String url() {
        return http.baseUrl();
    }

    /** {@code GET path} of Loki's read API, answered as Loki answered (see {@link UpstreamHttp#forward}). */
    public Uni<UpstreamHttp.RawAnswer> forward(String path, List<Map.Entry<String, String>> params, List<String> extraHeaders) {
        return http.forward(path, params, extraHeaders);
    }

    /** Whether a tenant is configured: then it is always sent, and a caller's {@code X-Scope-OrgID} never is. */
    public boolean tenantConfigured() {
        return tenantConfigured;
    }

    /** {@code GET /loki/api/v1/query}: an instant query at {@code time}. */
    public Uni<JsonNode> query(String logql, Instant time, Integer limit, String direction) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", logql);
        params.put("time", Long.toString(nanos(time)));
        if (limit != null) {
            params.put("limit", limit.toString());
        }
        if (direction != null) {
            params.put("direction", direction);
        }
        return data("/loki/api/v1/query", params);
    }

    /** {@code GET /loki/api/v1/query_range}; {@code stepSeconds} null lets Loki choose (log queries ignore it). */
    public Uni<JsonNode> queryRange(String logql, Instant start, Instant end, Double stepSeconds, Integer limit, String direction) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", logql);
        params.put("start", Long.toString(nanos(start)));
        params.put("end", Long.toString(nanos(end)));
        if (stepSeconds != null) {
            params.put("step", stepSeconds == Math.rint(stepSeconds) ? Long.toString(stepSeconds.longValue()) : stepSeconds.toString());
        }
        if (limit != null) {
            params.put("limit", limit.toString());
        }
        if (direction != null) {
            params.put("direction", direction);
        }
        return data("/loki/api/v1/query_range", params);
    }

    /** {@code GET /loki/api/v1/labels}. */
    public Uni<JsonNode> labels(Instant start, Instant end) {
        return data("/loki/api/v1/labels", range(start, end));
    }

    /** {@code GET /loki/api/v1/label/{name}/values}; {@code name} must be a checked label name. */
    public Uni<JsonNode> labelValues(String name, Instant start, Instant end) {
        return data("/loki/api/v1/label/" + name + "/values", range(start, end));
    }

    /** {@code GET /loki/api/v1/series} for one selector. */
    public Uni<JsonNode> series(String selector, Instant start, Instant end) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("match[]", selector);
        params.putAll(range(start, end));
        return data("/loki/api/v1/series", params);
    }

    private Uni<JsonNode> data(String path, Map<String, String> params) {
        return http.get(path, params).map(body -> {
            if (!"success".equals(body.path("status").asText())) {
                throw new LokiException(LokiException.Kind.FAILED, "Loki", "Loki answered " + path + " without success: "
                        + UpstreamHttp.firstLine(body.toString()), null);
            }
            return body.path("data");
        });
    }

    private static Map<String, String> range(Instant start, Instant end) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("start", Long.toString(nanos(start)));
        params.put("end", Long.toString(nanos(end)));
        return params;
    }

    public static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
