package io.tritonlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.support.loki.LokiHttpClient;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The shared {@link LokiHttpClient} as Mutiny {@link Uni}s, for an upstream that answers the way
 * Loki does (Loki itself, the alert-service's rules API): every failure to get an answer becomes a
 * {@link LokiException} naming the upstream.
 */
public final class UpstreamHttp {

    /** The user agent of every request this service sends upstream. */
    public static final String USER_AGENT = "triton-logs-query";

    private final String name;
    private final LokiHttpClient client;
    private final ObjectMapper json;

    /** @param name the upstream as error messages name it, e.g. {@code Loki} */
    public UpstreamHttp(String name, LokiHttpClient client, ObjectMapper json) {
        this.name = name;
        this.client = client;
        this.json = json;
    }

    public String baseUrl() {
        return client.baseUrl();
    }

    /** An answer passed on as it came: status, content type and body. */
    public record RawAnswer(int status, String contentType, byte[] body) {
    }

    /**
     * {@code GET path?params} answered as it came, whatever its status: Loki's read API is passed
     * through byte for byte. Only failures to get an answer at all become {@link LokiException}s.
     * {@code params} are name/value pairs in order (a name may repeat, as {@code match[]} does);
     * {@code extraHeaders} are added to the connection's own.
     */
    public Uni<RawAnswer> forward(String path, List<Map.Entry<String, String>> params, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = client.request(path, params).GET();
        extraHeaders.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .map(response -> new RawAnswer(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse("text/plain; charset=utf-8"), response.body()));
    }

    /** The parsed JSON answer of {@code GET path?params}; an error status is a {@link LokiException} with the upstream's first line. */
    public Uni<JsonNode> get(String path, List<Map.Entry<String, String>> params) {
        HttpRequest request = client.request(path, params).GET().header("Accept", "application/json").build();
        return send(request, HttpResponse.BodyHandlers.ofString()).map(response -> answer(path, response));
    }

    private <T> Uni<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, body))
                .onFailure().transform(failure -> LokiException.unanswered(name, client.classify(failure)));
    }

    private JsonNode answer(String path, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() != 200) {
            throw LokiException.answered(name, path, response.statusCode(), body);
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new LokiException(LokiException.Kind.FAILED, name, name + " answered " + path + " with JSON that could not be read", e);
        }
    }
}
