package io.tritonlogs.alert.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs LogQL instant queries ({@code GET /loki/api/v1/query}) and reads Loki's vector answers
 * ({@code {"metric": {...}, "value": [<unix s>, "<value>"]}}). Any failure, including an answer in
 * an unexpected shape, is a {@link LokiQueryException}: never an empty result. Thread-safe.
 */
public final class LokiQueryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final List<String> headers;

    public LokiQueryClient(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, Optional.empty(), Optional.empty());
    }

    /** With {@code tenantId}, every query carries {@code X-Scope-OrgID}; with {@code bearerToken}, {@code Authorization: Bearer}. */
    public LokiQueryClient(String baseUrl, Duration timeout, Optional<String> tenantId, Optional<String> bearerToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        List<String> pairs = new ArrayList<>();
        tenantId.filter(t -> !t.isBlank()).ifPresent(t -> pairs.addAll(List.of("X-Scope-OrgID", t)));
        bearerToken.filter(t -> !t.isBlank()).ifPresent(t -> pairs.addAll(List.of("Authorization", "Bearer " + t)));
        this.headers = List.copyOf(pairs);
    }

    public List<Sample> instantQuery(String query, Instant time) throws LokiQueryException {
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        URI uri = URI.create(baseUrl + "/loki/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + nanos);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LokiQueryException("Loki at " + baseUrl + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiQueryException("interrupted while querying Loki", e);
        }
        if (response.statusCode() != 200) {
            String body = response.body() == null ? "" : response.body().strip();
            throw new LokiQueryException("Loki answered " + response.statusCode() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
        return parse(response.body());
    }

    static List<Sample> parse(String body) throws LokiQueryException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new LokiQueryException("Loki's answer is not JSON: " + e.getMessage());
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            throw new LokiQueryException("Loki's answer has no \"status\": \"success\"");
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        List<Sample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                if (!result.isArray()) {
                    throw new LokiQueryException("Loki's vector answer has no result list");
                }
                for (JsonNode series : result) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
                        var e = it.next();
                        labels.put(e.getKey(), e.getValue().asText());
                    }
                    samples.add(new Sample(labels, value(series.path("value"))));
                }
            }
            case "scalar" -> samples.add(new Sample(Map.of(), value(result)));
            default -> throw new LokiQueryException("Loki answered a \"" + type + "\" result; an alert expr must give a vector");
        }
        return samples;
    }

    private static double value(JsonNode pair) throws LokiQueryException {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw new LokiQueryException("a sample is not [<time>, \"<value>\"]: " + pair);
        }
        String text = pair.get(1).asText();
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new LokiQueryException("a sample value is not a number: \"" + text + "\"");
                }
            }
        };
    }
}
