package io.tritonlogs.support.loki;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared client against real HTTP servers on loopback: what it sends, and how it classifies what comes back. */
class LokiHttpClientTest {

    private static final Duration SHORT = Duration.ofMillis(700);

    private HttpServer server;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering {@code status} with {@code body} after {@code delay}, remembering each request's headers. */
    private String serve(int status, String body, Duration delay, Map<String, String> extraHeaders) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(Map.of(
                    "uri", exchange.getRequestURI().toString(),
                    "tenant", String.valueOf(exchange.getRequestHeaders().getFirst("X-Scope-OrgID")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            extraHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private LokiHttpClient client(LokiConnection connection) {
        return new LokiHttpClient(connection, "test", "triton-logs-test", registry);
    }

    @Test
    void everyRequestCarriesTheTenantTheCredentialsAndTheUserAgent() throws Exception {
        String url = serve(200, "{}", Duration.ZERO, Map.of());
        LokiHttpClient basic = client(LokiConnection.of(url, Optional.of("team-a"), Optional.of("grafana"), Optional.of("s3cret"),
                Optional.empty(), SHORT, SHORT));
        basic.send(basic.request("/loki/api/v1/labels", List.of(Map.entry("since", "1h"), Map.entry("match[]", "{a=\"b c\"}"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        LokiHttpClient bearer = client(LokiConnection.of(url, Optional.of(" "), Optional.of("ignored"), Optional.empty(),
                Optional.of("tok-1"), SHORT, SHORT));
        bearer.send(bearer.request("/loki/api/v1/labels", List.of()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(seen.get(0)).containsEntry("uri", "/loki/api/v1/labels?since=1h&match%5B%5D=%7Ba%3D%22b+c%22%7D")
                .containsEntry("tenant", "team-a").containsEntry("agent", "triton-logs-test")
                .containsEntry("authorization", "Basic Z3JhZmFuYTpzM2NyZXQ=");
        assertThat(seen.get(1)).containsEntry("tenant", "null").containsEntry("authorization", "Bearer tok-1");
        assertThat(basic.connection().toString()).contains("team-a", "Basic auth").doesNotContain("s3cret", "Z3JhZmFuYTpzM2NyZXQ=");
    }

    @Test
    void errorStatusesAreAnswersUntilRequiredToSucceedThenClassified() throws Exception {
        String url = serve(429, "too many outstanding requests\nsecond line", Duration.ZERO, Map.of("Retry-After", "7"));
        LokiHttpClient client = client(LokiConnection.anonymous(url, SHORT, SHORT));
        HttpResponse<String> answer = client.send(client.request("/loki/api/v1/push", List.of()).POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(LokiHttpClient.retryAfter(answer)).contains(Duration.ofSeconds(7));
        assertThatThrownBy(() -> LokiHttpClient.requireSuccess(answer)).isInstanceOfSatisfying(LokiHttpException.class, e -> {
            assertThat(e.failure()).isEqualTo(LokiFailure.OVERLOADED);
            assertThat(e.failure().retryable()).isTrue();
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.answer()).isEqualTo("too many outstanding requests");
        });
        assertThat(LokiFailure.ofStatus(400)).isEqualTo(LokiFailure.REJECTED);
        assertThat(LokiFailure.REJECTED.retryable()).isFalse();
        assertThat(LokiFailure.ofStatus(503)).isEqualTo(LokiFailure.OVERLOADED);
        assertThat(LokiFailure.ofStatus(500)).isEqualTo(LokiFailure.FAILED);
        assertThat(LokiFailure.ofStatus(204)).isNull();
        assertThat(LokiFailure.ofStatus(302)).as("a redirect is never followed, so never retried").isEqualTo(LokiFailure.REJECTED);
    }

    @Test
    void aRefusedConnectionIsUnreachableAndASilentServerATimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LokiHttpClient refused = client(LokiConnection.anonymous("http://127.0.0.1:" + closedPort, SHORT, SHORT));
        assertThatThrownBy(() -> refused.send(refused.request("/ready", List.of()).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfSatisfying(LokiHttpException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LokiFailure.UNREACHABLE);
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort);
                });

        String url = serve(200, "late", Duration.ofSeconds(3), Map.of());
        LokiHttpClient slow = client(LokiConnection.anonymous(url, SHORT, SHORT));
        assertThatThrownBy(() -> slow.sendAsync(slow.request("/ready", List.of()).GET().build(), HttpResponse.BodyHandlers.ofString()).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(LokiHttpException.class)
                .satisfies(e -> assertThat(((LokiHttpException) e.getCause()).failure()).isEqualTo(LokiFailure.TIMEOUT));
    }

    @Test
    void eachRequestIsTimedByClientEndpointAndOutcome() throws Exception {
        String url = serve(204, "", Duration.ZERO, Map.of());
        LokiHttpClient client = client(LokiConnection.anonymous(url, SHORT, SHORT));
        for (String path : List.of("/loki/api/v1/label/model/values", "/loki/api/v1/label/level/values", "/loki/api/v1/push")) {
            client.send(client.request(path, List.of()).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        Timer labelValues = registry.find(LokiHttpClient.REQUESTS_METRIC)
                .tags("client", "test", "endpoint", "/loki/api/v1/label/{name}/values", "outcome", "204").timer();
        Timer push = registry.find(LokiHttpClient.REQUESTS_METRIC).tags("endpoint", "/loki/api/v1/push").timer();
        assertThat(labelValues).isNotNull();
        assertThat(labelValues.count()).isEqualTo(2);
        assertThat(push).isNotNull();
        assertThat(push.count()).isEqualTo(1);
    }

    @Test
    void answersAreShortenedToTheirFirstLine() {
        assertThat(LokiHttpClient.firstLine("\"parse error at line 1, col 3\"\n")).isEqualTo("parse error at line 1, col 3");
        assertThat(LokiHttpClient.firstLine("  ")).isEqualTo("(empty answer)");
        assertThat(LokiHttpClient.firstLine("x".repeat(600))).hasSize(501).endsWith("…");
        assertThat(LokiHttpClient.parseRetryAfter("soon")).isNull();
    }
}
