package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
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

    private final Optional<URI> apiServer;
    private final Optional<Path> tokenFile;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile boolean warned;

    public PodMetadata(Optional<String> apiServer, Optional<Path> tokenFile, Optional<Path> caFile) {
        this.apiServer = apiServer.filter(s -> !s.isBlank()).map(s -> URI.create(s.replaceAll("/+$", "")));
        this.tokenFile = tokenFile;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        caFile.filter(Files::isReadable).ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    /** The pod's labels, or empty when the API is not configured or not reachable. */
    public Optional<Map<String, String>> labels(String namespace, String pod) {
        if (apiServer.isEmpty()) {
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
        URI uri = URI.create(apiServer.get() + "/api/v1/namespaces/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
                + "/pods/" + URLEncoder.encode(pod, StandardCharsets.UTF_8));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("Accept", "application/json");
            if (tokenFile.isPresent() && Files.isReadable(tokenFile.get())) {
                request.header("Authorization", "Bearer " + Files.readString(tokenFile.get()).trim());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                warnOnce("the Kubernetes API answered " + response.statusCode() + " for pod " + namespace + "/" + pod);
                return Optional.empty();
            }
            JsonNode labels = json.readTree(response.body()).path("metadata").path("labels");
            Map<String, String> map = new java.util.HashMap<>();
            labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            return Optional.of(Map.copyOf(map));
        } catch (Exception e) {
            warnOnce("the Kubernetes API at " + apiServer.get() + " is not reachable (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            Log.warnf("%s; service labels come from pod names until it answers", message);
        }
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, (X509Certificate) cert);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the Kubernetes CA certificate " + caFile + ": " + e.getMessage(), e);
        }
    }
}
