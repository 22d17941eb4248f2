package io.tritonlogs.alert.lease;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tritonlogs.common.kubernetes.KubernetesApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas electing a leader through a real HTTP server that keeps one Lease the way the
 * Kubernetes API does: 404 before it exists, 409 on a stale resourceVersion or a second create.
 */
class LeaseElectorTest {

    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/triton/leases";

    private final ObjectMapper json = new ObjectMapper();
    private HttpServer api;
    private ObjectNode lease;
    private int version;
    private volatile boolean down;

    /** A clock both replicas share, moved by the test. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext(LEASES, this::handle);
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                answer(exchange, 503, "{}");
                return;
            }
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean item = exchange.getRequestURI().getPath().equals(LEASES + "/alert-service");
            if (method.equals("GET") && item) {
                answer(exchange, lease == null ? 404 : 200, lease == null ? "{}" : lease.toString());
            } else if (method.equals("POST") && !item) {
                if (lease != null) {
                    answer(exchange, 409, "{}");
                    return;
                }
                store(body);
                answer(exchange, 201, lease.toString());
            } else if (method.equals("PUT") && item) {
                String sent = json.readTree(body).path("metadata").path("resourceVersion").asText();
                if (lease == null || !sent.equals(String.valueOf(version))) {
                    answer(exchange, 409, "{}");
                    return;
                }
                store(body);
                answer(exchange, 200, lease.toString());
            } else {
                answer(exchange, 405, "{}");
            }
        }
    }

    private void store(String body) throws IOException {
        lease = (ObjectNode) json.readTree(body);
        version++;
        ((ObjectNode) lease.path("metadata")).put("resourceVersion", String.valueOf(version));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private LeaseElector replica(String name) {
        KubernetesApi k8s = new KubernetesApi("http://127.0.0.1:" + api.getAddress().getPort(), Optional.empty(), Optional.empty());
        return new LeaseElector(k8s, "triton", "alert-service", name, Duration.ofSeconds(15), clock, json);
    }

    @Test
    void exactlyOneReplicaLeadsAndTheOtherTakesOverOnlyAfterExpiry() {
        LeaseElector a = replica("alert-0");
        LeaseElector b = replica("alert-1");
        assertThat(a.tryAcquireOrRenew()).isTrue();
        assertThat(b.tryAcquireOrRenew()).isFalse();
        assertThat(lease.path("spec").path("holderIdentity").asText()).isEqualTo("alert-0");

        now.set(now.get().plusSeconds(10));
        assertThat(a.tryAcquireOrRenew()).as("renewal").isTrue();
        now.set(now.get().plusSeconds(10));
        assertThat(b.tryAcquireOrRenew()).as("renewed 10 s ago: still a's").isFalse();

        // a stops renewing (its pod hangs); 16 s after its last renewal the lease is b's.
        now.set(now.get().plusSeconds(6));
        assertThat(b.tryAcquireOrRenew()).isTrue();
        assertThat(lease.path("spec").path("holderIdentity").asText()).isEqualTo("alert-1");
        assertThat(lease.path("spec").path("leaseTransitions").asInt()).isEqualTo(1);
        assertThat(a.tryAcquireOrRenew()).as("a sees it lost the lease").isFalse();
        assertThat(a.isLeader()).isFalse();
        assertThat(b.isLeader()).isTrue();
    }

    @Test
    void aLeaderThatCannotRenewStepsDownBeforeTheLeaseExpires() {
        LeaseElector a = replica("alert-0");
        assertThat(a.tryAcquireOrRenew()).isTrue();
        down = true;
        now.set(now.get().plusSeconds(5));
        assertThat(a.tryAcquireOrRenew()).as("5 s of 15: keeps leading through a short outage").isTrue();
        now.set(now.get().plusSeconds(6));
        assertThat(a.tryAcquireOrRenew()).as("11 s of 15: steps down before another may take over at 15").isFalse();
        assertThat(a.lastError()).contains("503");
    }

    @Test
    void twoTakersOfAnExpiredLeaseCannotBothWin() {
        LeaseElector a = replica("alert-0");
        assertThat(a.tryAcquireOrRenew()).isTrue();
        now.set(now.get().plusSeconds(20)); // expired for everyone else
        LeaseElector b = replica("alert-1");
        LeaseElector c = replica("alert-2");
        boolean bWon = b.tryAcquireOrRenew();
        boolean cWon = c.tryAcquireOrRenew();
        assertThat(bWon ^ cWon).as("exactly one of two takers").isTrue();
    }
}
