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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pod labels from the Kubernetes API ({@code GET /api/v1/namespaces/{ns}/pods/{pod}}) with the
 * service account's token. Lookups run on a thread of their own, never the file reader's: the
 * reader asks {@link #lookup} and gets the labels, "unavailable" (no API, or it failed: fall back
 * to the pod name) or "pending" (ask again later). Answers are cached for a bounded number of pods
 * and expire (10 minutes, a failure after one), so a pod's labels are seen again after they change
 * and the cache never grows with the node's history.
 */
public final class PodMetadata implements AutoCloseable {

    /** What is known of a pod's labels now. */
    public record PodLabels(State state, Map<String, String> labels, Duration pendingFor) {
        public enum State { KNOWN, UNAVAILABLE, PENDING }
    }

    private record Lookup(CompletableFuture<Optional<Map<String, String>>> answer, long startedNanos) {
    }

    static final int MAX_PODS = 4096;
    private static final long KNOWN_TTL = Duration.ofMinutes(10).toNanos();
    private static final long FAILURE_TTL = Duration.ofMinutes(1).toNanos();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Optional<KubernetesApi> api;
    private final ObjectMapper json;
    private final Map<String, Lookup> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lookup> eldest) {
            return size() > MAX_PODS;
        }
    };
    /** A few lookups at a time: one pod the API is slow on holds up no other. */
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "pod-metadata");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean warned;

    public PodMetadata(Optional<String> apiServer, Optional<Path> tokenFile, Optional<Path> caFile, ObjectMapper json) {
        this.api = apiServer.filter(s -> !s.isBlank()).map(url -> new KubernetesApi(url, tokenFile, caFile));
        this.json = json;
    }

    /** What is known of the pod's labels; starts a lookup (off this thread) when none is known or it expired. */
    public synchronized PodLabels lookup(String namespace, String pod) {
        if (api.isEmpty()) {
            return new PodLabels(PodLabels.State.UNAVAILABLE, Map.of(), Duration.ZERO);
        }
        String key = namespace + "/" + pod;
        Lookup lookup = cache.get(key);
        long now = System.nanoTime();
        if (lookup != null && lookup.answer().isDone() && now - lookup.startedNanos() > ttl(lookup)) {
            lookup = null;
        }
        if (lookup == null) {
            lookup = new Lookup(CompletableFuture.supplyAsync(() -> fetch(namespace, pod), executor), now);
            cache.put(key, lookup);
        }
        if (!lookup.answer().isDone()) {
            return new PodLabels(PodLabels.State.PENDING, Map.of(), Duration.ofNanos(now - lookup.startedNanos()));
        }
        Optional<Map<String, String>> labels = lookup.answer().join();
        return labels.map(l -> new PodLabels(PodLabels.State.KNOWN, l, Duration.ZERO))
                .orElseGet(() -> new PodLabels(PodLabels.State.UNAVAILABLE, Map.of(), Duration.ZERO));
    }

    /** The pod's labels, waiting for the lookup (up to its timeout): for callers that may block. */
    public Optional<Map<String, String>> labels(String namespace, String pod) {
        if (api.isEmpty()) {
            return Optional.empty();
        }
        lookup(namespace, pod);
        Lookup lookup;
        synchronized (this) {
            lookup = cache.get(namespace + "/" + pod);
        }
        try {
            return lookup.answer().get(REQUEST_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    synchronized int cachedPods() {
        return cache.size();
    }

    private static long ttl(Lookup lookup) {
        return lookup.answer().join().isPresent() ? KNOWN_TTL : FAILURE_TTL;
    }

    private Optional<Map<String, String>> fetch(String namespace, String pod) {
        String path = "/api/v1/namespaces/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
                + "/pods/" + URLEncoder.encode(pod, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = api.get().send("GET", path, null, REQUEST_TIMEOUT);
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
            warnOnce("the Kubernetes API at " + api.get().base() + " did not answer for pod " + namespace + "/" + pod + " (" + e + ")");
            return Optional.empty();
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            Log.warnf("%s; service labels come from pod names until it answers", message);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
