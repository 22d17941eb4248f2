package io.tritonlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.time.Timestamps;
import io.tritonlogs.query.config.LokiConfig;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiHttpClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Loki's query API ({@code /loki/api/v1/query}, {@code query_range}, {@code labels},
 * {@code label/{name}/values}, {@code series}) and its tail websocket, through the shared
 * {@link LokiHttpClient} (client {@code query}): every request and the tail carry the configured
 * tenant and credentials. Queries arrive already checked and policy-enforced (see
 * {@code QueryRunner}); this type only speaks HTTP. Answers are Loki's {@code data} member.
 */
@ApplicationScoped
public class LokiClient {

    public static final String TAIL_PATH = "/loki/api/v1/tail";

    private final LokiHttpClient client;
    private final UpstreamHttp http;
    private final Optional<String> tailUrl;

    LokiClient(LokiConfig loki, QueryConfig config, ObjectMapper json, MeterRegistry registry) {
        this.client = new LokiHttpClient(LokiConnection.of(loki, config.limits().timeout()), "query", UpstreamHttp.USER_AGENT, registry);
        this.http = new UpstreamHttp("Loki", client, json);
        this.tailUrl = loki.tailUrl();
    }

    public String url() {
        return client.baseUrl();
    }

    /** {@code GET path} of Loki's read API, answered as Loki answered (see {@link UpstreamHttp#forward}). */
    public Uni<UpstreamHttp.RawAnswer> forward(String path, List<Map.Entry<String, String>> params, Map<String, String> extraHeaders) {
        return http.forward(path, params, extraHeaders);
    }

    /** Whether a tenant is configured: then it is always sent, and a caller's {@code X-Scope-OrgID} never is. */
    public boolean tenantConfigured() {
        return client.connection().tenantId().isPresent();
    }

    /**
     * Opens Loki's tail websocket ({@code loki.tail-url}, else {@code loki.url}) for {@code params},
     * with the connection's headers and {@code extraHeaders}; the future fails when Loki refuses the
     * handshake ({@link java.net.http.WebSocketHandshakeException}), cannot be reached, or has not
     * answered a second after the connect timeout ({@link java.util.concurrent.TimeoutException}).
     */
    public CompletableFuture<WebSocket> openTail(List<Map.Entry<String, String>> params, Map<String, String> extraHeaders,
                                                 WebSocket.Listener listener) {
        LokiConnection connection = client.connection();
        WebSocket.Builder builder = client.jdkClient().newWebSocketBuilder().connectTimeout(connection.connectTimeout());
        connection.headers().forEach(builder::header);
        extraHeaders.forEach(builder::header);
        URI uri = URI.create(connection.websocketBase(tailUrl) + TAIL_PATH + LokiHttpClient.query(params));
        return builder.buildAsync(uri, listener).orTimeout(connection.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** Where the tail websocket is opened, for error messages. */
    public String tailBase() {
        return client.connection().websocketBase(tailUrl);
    }

    public Duration connectTimeout() {
        return client.connection().connectTimeout();
    }

    /** A failure to get any answer from Loki (a request's or the tail's), classified by the shared client. */
    public LokiException unanswered(Throwable failure) {
        return LokiException.unanswered("Loki", client.classify(failure));
    }

    /** {@code GET /loki/api/v1/query}: an instant query at {@code time}. */
    public Uni<JsonNode> query(String logql, Instant time, Integer limit, String direction) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("query", logql));
        params.add(Map.entry("time", nanos(time)));
        paging(params, limit, direction);
        return data("/loki/api/v1/query", params);
    }

    /** {@code GET /loki/api/v1/query_range}; {@code stepSeconds} null lets Loki choose (log queries ignore it). */
    public Uni<JsonNode> queryRange(String logql, Instant start, Instant end, Double stepSeconds, Integer limit, String direction) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("query", logql));
        params.add(Map.entry("start", nanos(start)));
        params.add(Map.entry("end", nanos(end)));
        if (stepSeconds != null) {
            params.add(Map.entry("step", stepSeconds == Math.rint(stepSeconds) ? Long.toString(stepSeconds.longValue()) : stepSeconds.toString()));
        }
        paging(params, limit, direction);
        return data("/loki/api/v1/query_range", params);
    }

    /** {@code GET /loki/api/v1/labels}. */
    public Uni<JsonNode> labels(Instant start, Instant end) {
        return data("/loki/api/v1/labels", range(new ArrayList<>(), start, end));
    }

    /** {@code GET /loki/api/v1/label/{name}/values}; {@code name} must be a checked label name. */
    public Uni<JsonNode> labelValues(String name, Instant start, Instant end) {
        return data("/loki/api/v1/label/" + name + "/values", range(new ArrayList<>(), start, end));
    }

    /** {@code GET /loki/api/v1/series} for one selector. */
    public Uni<JsonNode> series(String selector, Instant start, Instant end) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("match[]", selector));
        return data("/loki/api/v1/series", range(params, start, end));
    }

    private Uni<JsonNode> data(String path, List<Map.Entry<String, String>> params) {
        return http.get(path, params).map(body -> {
            if (!"success".equals(body.path("status").asText())) {
                throw new LokiException(LokiException.Kind.FAILED, "Loki", "Loki answered " + path + " without success: "
                        + LokiHttpClient.firstLine(body.toString()), null);
            }
            return body.path("data");
        });
    }

    private static void paging(List<Map.Entry<String, String>> params, Integer limit, String direction) {
        if (limit != null) {
            params.add(Map.entry("limit", limit.toString()));
        }
        if (direction != null) {
            params.add(Map.entry("direction", direction));
        }
    }

    private static List<Map.Entry<String, String>> range(List<Map.Entry<String, String>> params, Instant start, Instant end) {
        params.add(Map.entry("start", nanos(start)));
        params.add(Map.entry("end", nanos(end)));
        return params;
    }

    /** Loki's int64 nanoseconds; the times were checked to fit ({@code TimeParser}). */
    public static String nanos(Instant t) {
        return Long.toString(Timestamps.unixNanos(t));
    }
}
