package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.tritonlogs.common.kubernetes.KubernetesApi;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pod labels from the Kubernetes API ({@code GET /api/v1/namespaces/{ns}/pods/{pod}}) with the
 * service account's token, cached per pod. When the API cannot be reached the answer is empty and
 * the caller falls back to what the log path says; a failure is remembered for a minute so a
 * missing API is not asked for every file.
 */
public final class PodMetadata {

    private record Cached(Optional<Map<String, String>> labels, long atNanos) {
    }

    private static final long FAILURE_TTL = Duration.ofMinutes(1).toNanos();

    private final Optional<KubernetesApi> api;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile boolean warned;

    public PodMetadata(Optional<String> apiServer, Optional<Path> tokenFile, Optional<Path> caFile) {
        this.api = apiServer.filter(s -> !s.isBlank()).map(url -> new KubernetesApi(url, tokenFile, caFile));
    }

    /** The pod's labels, or empty when the API is not configured or not reachable. */
    public Optional<Map<String, String>> labels(String namespace, String pod) {
        if (api.isEmpty()) {
            return Optional.empty();
        }
        String key = namespace + "/" + pod;
        Cached cached = cache.get(key);
        if (cached != null && (cached.labels().isPresent() || System.nanoTime() - cached.atNanos() < FAILURE_TTL)) {
            return cached.labels();
        }
        Optional<Map<String, String>> labels = fetch(namespace, pod);
        cache.put(key, new Cached(labels, System.nanoTime()));
        return labels;
    }

    private Optional<Map<String, String>> fetch(String namespace, String pod) {
        String path = "/api/v1/namespaces/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
                + "/pods/" + URLEncoder.encode(pod, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = api.get().send("GET", path, null, Duration.ofSeconds(5));
            if (response.statusCode() != 200) {
                warnOnce("the Kubernetes API answered " + response.statusCode() + " for pod " + namespace + "/" + pod);
                return Optional.empty();
            }
            Map<String, String> map = new HashMap<>();
            JsonNode labels = json.readTree(response.body()).path("metadata").path("labels");
            labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            return Optional.of(Map.copyOf(map));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            warnOnce("the Kubernetes API at " + api.get().base() + " is not reachable (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            Log.warnf("%s; service labels come from pod names until it answers", message);
        }
    }
}
