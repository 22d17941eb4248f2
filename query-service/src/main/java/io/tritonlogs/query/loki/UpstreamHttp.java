package io.tritonlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * GETs JSON from an upstream HTTP API (Loki or Prometheus) without blocking a thread, with one
 * total timeout, and turns every failure into a {@link LokiException} of the right kind:
 * connection refused or unknown host → unreachable (503), no answer in time → timeout (504),
 * 400 → rejected with the upstream's own message, anything else → failed (502).
 */
public final class UpstreamHttp {

    private final String name;
    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final List<String> headers;
    private final ObjectMapper json;

    /** @param headers extra header name/value pairs sent with every request */
    public UpstreamHttp(String name, String baseUrl, Duration connectTimeout, Duration timeout, List<String> headers, ObjectMapper json) {
        this.name = name;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.headers = List.copyOf(headers);
        this.json = json;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An answer passed on as it came: status, content type and body. */
    public record RawAnswer(int status, String contentType, byte[] body) {
    }

    /**
     * {@code GET path?params} answered as it came, whatever its status: Loki's read API is passed
     * through byte for byte. Only failures to get an answer at all become {@link LokiException}s.
     * {@code params} are name/value pairs in order (a name may repeat, as {@code match[]} does);
     * {@code extraHeaders} are name/value pairs added to the configured ones.
     */
    public Uni<RawAnswer> forward(String path, List<Map.Entry<String, String>> params, List<String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + query(params))).timeout(timeout).GET()
                .header("User-Agent", "triton-logs-query");
        for (List<String> pairs : List.of(headers, extraHeaders)) {
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                request.header(pairs.get(i), pairs.get(i + 1));
            }
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .ifNoItem().after(timeout.plusMillis(250)).failWith(() -> new TimeoutException())
                .onFailure().transform(this::classify)
                .map(response -> new RawAnswer(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse("text/plain; charset=utf-8"), response.body()));
    }

    /** The parsed JSON answer of {@code GET path?params}; {@code params} keep their order. */
    public Uni<JsonNode> get(String path, Map<String, String> params) {
        URI uri = URI.create(baseUrl + path + query(params));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json").header("User-Agent", "triton-logs-query");
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .ifNoItem().after(timeout.plusMillis(250)).failWith(() -> new TimeoutException())
                .onFailure().transform(this::classify)
                .map(response -> answer(path, response));
    }

    static String query(Map<String, String> params) {
        return query(List.copyOf(params.entrySet()));
    }

    /** {@code ?name=value&...}, URL-encoded, in order; empty for no parameters. */
    public static String query(List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        for (Map.Entry<String, String> p : params) {
            if (out.length() > 1) {
                out.append('&');
            }
            out.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private JsonNode answer(String path, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 200) {
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw new LokiException(LokiException.Kind.FAILED, name, name + " answered " + path + " with JSON that could not be read", e);
            }
        }
        String message = firstLine(body);
        if (status == 400) {
            throw new LokiException(LokiException.Kind.REJECTED, name, name + " rejected the query: " + message, null);
        }
        if (status == 429 || status == 503) {
            throw new LokiException(LokiException.Kind.UNREACHABLE, name, name + " is overloaded or not ready (HTTP " + status + "): " + message, null);
        }
        throw new LokiException(LokiException.Kind.FAILED, name, name + " failed to answer " + path + " (HTTP " + status + "): " + message, null);
    }

    private Throwable classify(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof LokiException) {
            return cause;
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                || cause instanceof UnresolvedAddressException || cause.getCause() instanceof ConnectException) {
            return new LokiException(LokiException.Kind.UNREACHABLE, name, name + " at " + baseUrl + " is unreachable: " + describe(cause), cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new LokiException(LokiException.Kind.TIMEOUT, name, name + " did not answer within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof IOException) {
            return new LokiException(LokiException.Kind.UNREACHABLE, name, name + " at " + baseUrl + " closed the connection: " + describe(cause), cause);
        }
        return cause;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String firstLine(String body) {
        String text = body.strip();
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) {
            text = text.substring(1, text.length() - 1);
        }
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        text = text.isEmpty() ? "(empty answer)" : text;
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
