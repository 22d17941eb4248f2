package io.tritonlogs.alert.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real multi-tenant Loki ({@code auth_enabled: true}) of the test's own, started from the executable
 * at {@code LOKI_BIN} as {@code scripts/local-loki.sh} starts one (the stack's config, storage under a
 * temporary directory, loopback HTTP and gRPC ports), behind a reverse proxy that answers 401 to any
 * request whose {@code Authorization} is not the one it {@link #expect expects} and forwards the rest
 * unchanged, tenant header included: the gateway a protected Loki sits behind. One per test JVM
 * ({@link #shared()}: Loki takes 15-20 s to become ready), stopped when the JVM exits.
 */
public final class ProtectedLoki {

    /** The proxy's own refusal, so that tests can tell it from Loki's. */
    public static final String PROXY_REFUSAL = "proxy: missing or wrong credentials";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private final Process loki;
    private final String lokiUrl;
    private final HttpServer proxy;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile String expectedAuthorization = "";

    private static ProtectedLoki shared;

    /** {@code LOKI_BIN}, when this machine has a Loki executable. */
    public static Optional<String> executable() {
        return Optional.ofNullable(System.getenv("LOKI_BIN")).filter(bin -> !bin.isBlank());
    }

    public static String describeMissing() {
        return "LOKI_BIN is not set: no Loki executable to start a multi-tenant Loki behind an authenticating proxy"
                + " (set LOKI_BIN to e.g. Grafana's loki-linux-amd64 release asset, as CI does)";
    }

    /** The JVM's protected Loki, started on first use from {@code LOKI_BIN}; callers check {@link #executable()} first. */
    public static synchronized ProtectedLoki shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = new ProtectedLoki(executable().orElseThrow(() -> new IllegalStateException(describeMissing())));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private ProtectedLoki(String executable) throws IOException, InterruptedException {
        Path config = Path.of("..", "config", "loki", "loki-config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("the stack's Loki config is not at " + config.toAbsolutePath());
        }
        dataDir = Files.createTempDirectory("alert-protected-loki");
        int port = freePort();
        int grpcPort = freePort();
        String multiTenant = Files.readString(config)
                .replace("auth_enabled: false", "auth_enabled: true")
                .replaceAll("/loki\\b", dataDir.toString());
        if (!multiTenant.contains("auth_enabled: true")) {
            throw new IllegalStateException(config + " no longer says auth_enabled: false; this test cannot make it multi-tenant");
        }
        Path lokiConfig = Files.writeString(dataDir.resolve("loki-config.yaml"), multiTenant);
        Path log = dataDir.resolve("loki.log");
        loki = new ProcessBuilder(executable, "-config.file=" + lokiConfig,
                "-server.http-listen-address=127.0.0.1", "-server.http-listen-port=" + port,
                "-server.grpc-listen-address=127.0.0.1", "-server.grpc-listen-port=" + grpcPort,
                "-frontend.instance-addr=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        lokiUrl = "http://127.0.0.1:" + port;
        try {
            awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopLoki();
            throw e;
        }
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", this::forward);
        proxy.start();
    }

    /** The proxy's address: what the service is configured with. */
    public String url() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    /** The {@code Authorization} value the proxy lets through from now on. */
    public void expect(String authorization) {
        expectedAuthorization = authorization;
    }

    /** Pushes {@code lines} ERROR lines with {@code labels}, stamped a few seconds ago, straight to Loki as {@code tenant}. */
    public void push(String tenant, Map<String, String> labels, int lines) throws IOException, InterruptedException {
        Instant at = Instant.now().minusSeconds(5);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            long ns = at.getEpochSecond() * 1_000_000_000L + at.getNano() + i;
            values.append(i == 0 ? "" : ",").append("[\"").append(ns).append("\",\"E1125 10:00:00.000000 1 model_lifecycle.cc:469] ")
                    .append("failed to run protected_model: CUDA error ").append(i).append("\"]");
        }
        StringBuilder stream = new StringBuilder();
        labels.forEach((name, value) -> stream.append(stream.isEmpty() ? "" : ",").append('"').append(name).append("\":\"").append(value).append('"'));
        String body = "{\"streams\":[{\"stream\":{" + stream + "},\"values\":[" + values + "]}]}";
        HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create(lokiUrl + "/loki/api/v1/push"))
                .header("Content-Type", "application/json").header("X-Scope-OrgID", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (pushed.statusCode() != 204) {
            throw new IllegalStateException("Loki refused the push: " + pushed.statusCode() + " " + pushed.body());
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!expectedAuthorization.equals(authorization)) {
                byte[] refusal = PROXY_REFUSAL.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"loki\"");
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(401, refusal.length);
                exchange.getResponseBody().write(refusal);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lokiUrl + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30));
            for (String header : List.of("X-Scope-OrgID", "Content-Type", "Accept")) {
                Optional.ofNullable(exchange.getRequestHeaders().getFirst(header)).ifPresent(value -> request.header(header, value));
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!loki.isAlive()) {
                throw new IllegalStateException("Loki exited before it was ready; its log (" + log + "):\n" + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(lokiUrl + "/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Loki opens its port a moment after it starts
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Loki at " + lokiUrl + " was not ready after " + READY_TIMEOUT.toSeconds() + " s; its log:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stopLoki() {
        loki.destroy();
        try {
            if (!loki.waitFor(20, TimeUnit.SECONDS)) {
                loki.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            loki.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void close() {
        proxy.stop(0);
        stopLoki();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
