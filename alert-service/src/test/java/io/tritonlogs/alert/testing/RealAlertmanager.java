package io.tritonlogs.alert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, or {@code ALERTMANAGER_BIN}) on a free
 * loopback port, clustering off, with a temp storage path and one receiver: a webhook to
 * {@code webhookUrl} with short group_wait, group_interval and repeat_interval, grouping by every
 * label so that each alert is its own group. Tests skip, by {@link #binary()}, where it is absent.
 */
public final class RealAlertmanager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private Process process;
    private String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The executable, or empty where this machine has none. */
    public static Optional<Path> binary() {
        String configured = System.getenv("ALERTMANAGER_BIN");
        Stream<Path> candidates = configured != null && !configured.isBlank() ? Stream.of(Path.of(configured))
                : Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(p -> !p.isEmpty())
                        .flatMap(p -> Stream.of(Path.of(p, "prometheus-alertmanager"), Path.of(p, "alertmanager"))),
                Stream.of(Path.of("/usr/bin/prometheus-alertmanager")));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    public static String absent() {
        return "no Alertmanager here: install Debian's prometheus-alertmanager or set ALERTMANAGER_BIN";
    }

    public RealAlertmanager(String webhookUrl) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(absent()));
        try {
            dir = Files.createTempDirectory("alertmanager-test");
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: hook
                      group_by: ['...']
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 10s
                    receivers:
                      - name: hook
                        webhook_configs:
                          - url: '%s'
                            send_resolved: true
                    """.formatted(webhookUrl));
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                url = "http://127.0.0.1:" + port;
                process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=debug")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
                // the free port may be taken by someone else before Alertmanager binds it: try another
                if (awaitReady()) {
                    break;
                }
                if (attempt == 3) {
                    throw new IllegalStateException("Alertmanager found its port taken 3 times:\n" + log());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    /** {@code GET /api/v2/alerts?filter=<matcher>}: active, silenced and inhibited alerts matching, e.g. {@code run="abc"}. */
    public JsonNode alerts(String matcher) {
        return get("/api/v2/alerts?filter=" + URLEncoder.encode(matcher, StandardCharsets.UTF_8));
    }

    /** Creates a silence through {@code POST /api/v2/silences}; returns its id. */
    public String silence(String label, String value, Duration duration) {
        Instant now = Instant.now();
        var body = JSON.createObjectNode();
        body.putArray("matchers").addObject().put("name", label).put("value", value).put("isRegex", false).put("isEqual", true);
        body.put("startsAt", now.toString()).put("endsAt", now.plus(duration).toString());
        body.put("createdBy", "alert-service tests").put("comment", "silenced by a test");
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/api/v2/silences"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the silence: " + answer.statusCode() + " " + answer.body());
        }
        return parse(answer.body()).path("silenceID").asText();
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    /** True when ready, false when it exited because its port was taken; throws on anything else. */
    private boolean awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                if (log().contains("address already in use")) {
                    return false;
                }
                throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause();
        }
        close();
        throw new IllegalStateException("Alertmanager at " + url + " was not ready within " + READY_TIMEOUT + ":\n" + log());
    }

    private JsonNode get(String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return parse(answer.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
