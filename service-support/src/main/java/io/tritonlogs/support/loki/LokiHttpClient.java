package io.tritonlogs.support.loki;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The one HTTP client to Loki (and to Prometheus' API, which answers the same way): every request
 * carries the connection's tenant and credentials, has the request timeout, is timed in
 * {@code loki_client_requests_seconds} ({@code client}, {@code endpoint}, {@code outcome}) and fails
 * with a {@link LokiHttpException} whose {@link LokiFailure} says whether to retry. An answer with an
 * error status is still an answer: callers that pass Loki's answers on get it as it came; the others
 * call {@link #requireSuccess}. Thread-safe.
 */
public final class LokiHttpClient {

    /** Metric of every request: a timer tagged client, endpoint (the path, label names folded) and outcome. */
    public static final String REQUESTS_METRIC = "loki.client.requests";

    /** The buckets of the services' other request histograms (docs/metrics.md), so panels can compare them. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private static final Pattern NAMED_SEGMENT = Pattern.compile("/(label|detected_field)/[^/]+/values$");

    private final LokiConnection connection;
    private final String clientName;
    private final String userAgent;
    private final HttpClient http;
    private final MeterRegistry registry;

    /**
     * @param clientName the {@code client} tag and the name in error messages' context, e.g. {@code push}
     * @param registry   where the request timer goes; null for none
     */
    public LokiHttpClient(LokiConnection connection, String clientName, String userAgent, MeterRegistry registry) {
        this.connection = connection;
        this.clientName = clientName;
        this.userAgent = userAgent;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(connection.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public LokiConnection connection() {
        return connection;
    }

    public String baseUrl() {
        return connection.baseUrl();
    }

    /** The underlying JDK client, for Loki's tail websocket (which must carry {@link LokiConnection#headers()} too). */
    public HttpClient jdkClient() {
        return http;
    }

    /** A request to {@code path?params} with the connection's headers, user agent and timeout. */
    public HttpRequest.Builder request(String path, List<Map.Entry<String, String>> params) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.baseUrl() + path + query(params)))
                .timeout(connection.requestTimeout()).header("User-Agent", userAgent);
        connection.headers().forEach(request::header);
        return request;
    }

    /** Sends and waits; an error status is returned as an answer, a failure to get any answer is thrown. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws LokiHttpException {
        long started = System.nanoTime();
        try {
            HttpResponse<T> response = http.send(request, body);
            record(request, started, Integer.toString(response.statusCode()));
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(request, started, "interrupted");
            throw new LokiHttpException(LokiFailure.UNREACHABLE, 0, "interrupted", "interrupted while waiting for Loki", e);
        } catch (IOException e) {
            LokiHttpException failure = classify(e);
            record(request, started, failure.failure().name().toLowerCase());
            throw failure;
        }
    }

    /**
     * Sends without blocking a thread; the future fails with a {@link LokiHttpException} (also when no
     * answer comes within the request timeout plus a grace, which the JDK does not always enforce).
     */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        long started = System.nanoTime();
        return http.sendAsync(request, body)
                .orTimeout(connection.requestTimeout().toMillis() + 250, TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        LokiHttpException failure = classify(error);
                        record(request, started, failure.failure().name().toLowerCase());
                        throw new CompletionException(failure);
                    }
                    record(request, started, Integer.toString(response.statusCode()));
                    return response;
                });
    }

    /** The answer when its status is 2xx, else a {@link LokiHttpException} classified by the status, with Loki's first line. */
    public static <T> HttpResponse<T> requireSuccess(HttpResponse<T> response) throws LokiHttpException {
        LokiFailure failure = LokiFailure.ofStatus(response.statusCode());
        if (failure == null) {
            return response;
        }
        String answer = firstLine(bodyText(response.body()));
        throw new LokiHttpException(failure, response.statusCode(), answer, "HTTP " + response.statusCode() + ": " + answer, null);
    }

    /** The failure behind {@code error} (unwrapping completion wrappers) as a classified {@link LokiHttpException}. */
    public LokiHttpException classify(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof LokiHttpException known) {
            return known;
        }
        String description = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                || cause instanceof UnresolvedAddressException || cause.getCause() instanceof ConnectException) {
            return new LokiHttpException(LokiFailure.UNREACHABLE, 0, description,
                    "Loki at " + connection.baseUrl() + " is unreachable: " + description, cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new LokiHttpException(LokiFailure.TIMEOUT, 0, description,
                    "Loki did not answer within " + connection.requestTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof IOException) {
            return new LokiHttpException(LokiFailure.UNREACHABLE, 0, description,
                    "Loki at " + connection.baseUrl() + " closed the connection: " + cause.getClass().getSimpleName() + ": " + description, cause);
        }
        return new LokiHttpException(LokiFailure.FAILED, 0, description, "request to Loki failed: " + description, cause);
    }

    /** {@code ?name=value&...}, URL-encoded, in order (a name may repeat); empty for no parameters. */
    public static String query(List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        for (Map.Entry<String, String> p : params) {
            if (out.length() > 1) {
                out.append('&');
            }
            out.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** The first line of an answer, unquoted, at most 500 characters: what an error message may show of it. */
    public static String firstLine(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) {
            text = text.substring(1, text.length() - 1);
        }
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        text = text.isEmpty() ? "(empty answer)" : text;
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** A {@code Retry-After} header (seconds or an HTTP date) as a wait, when the answer has one. */
    public static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(LokiHttpClient::parseRetryAfter);
    }

    /** Seconds or an RFC 1123 date; null when it is neither. */
    public static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.ofMillis(Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static String bodyText(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? "" : body.toString();
    }

    private void record(HttpRequest request, long startedNanos, String outcome) {
        if (registry == null) {
            return;
        }
        Timer.builder(REQUESTS_METRIC)
                .description("Requests to Loki by client, endpoint and outcome (HTTP status, timeout, unreachable)")
                .tag("client", clientName)
                .tag("endpoint", endpoint(request.uri().getPath()))
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** The path as a low-cardinality tag: label and field names folded to {@code {name}}. */
    static String endpoint(String path) {
        return NAMED_SEGMENT.matcher(path == null ? "" : path).replaceFirst("/$1/{name}/values");
    }
}
