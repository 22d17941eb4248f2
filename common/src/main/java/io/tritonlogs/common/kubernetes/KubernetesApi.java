package io.tritonlogs.common.kubernetes;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * The few calls the services make to the Kubernetes API, with the pod's service-account token
 * (read on every call: the kubelet rotates it) and the cluster CA. Plain JDK HTTP, no client
 * library: two GETs and a PUT do not justify one.
 */
public final class KubernetesApi {

    public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final URI base;
    private final Optional<Path> tokenFile;
    private final HttpClient http;

    public KubernetesApi(String baseUrl, Optional<Path> tokenFile, Optional<Path> caFile) {
        this.base = URI.create(baseUrl.replaceAll("/+$", ""));
        this.tokenFile = tokenFile;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        caFile.filter(Files::isReadable).ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    /** {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT} inside a pod, else empty. */
    public static Optional<String> inClusterUrl() {
        return Optional.ofNullable(System.getenv("KUBERNETES_SERVICE_HOST")).filter(h -> !h.isBlank())
                .map(host -> "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                        + Optional.ofNullable(System.getenv("KUBERNETES_SERVICE_PORT")).orElse("443"));
    }

    /** The pod's namespace from its service account, if mounted. */
    public static Optional<String> inClusterNamespace() {
        try {
            Path file = SERVICE_ACCOUNT.resolve("namespace");
            return Files.isReadable(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public URI base() {
        return base;
    }

    /** Sends {@code method path} with an optional JSON body; IO errors propagate for the caller to judge. */
    public HttpResponse<String> send(String method, String path, String jsonBody, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (tokenFile.isPresent() && Files.isReadable(tokenFile.get())) {
            request.header("Authorization", "Bearer " + Files.readString(tokenFile.get()).trim());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
