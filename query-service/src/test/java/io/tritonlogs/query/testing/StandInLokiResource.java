package io.tritonlogs.query.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tritonlogs.common.testing.LokiQueryStandIn;

import java.util.Map;

/**
 * Runs the service against STAND-INS, never a real Loki: {@link LokiQueryStandIn} replaying the
 * recorded Loki 3.4.2 answers (or scripted ones), {@link LokiTailStandIn} for the tail websocket,
 * and a second {@link LokiQueryStandIn} answering Prometheus' {@code /api/v1/query} with scripted
 * answers in Prometheus' format. Loki's timeout is short so the slow-Loki test is quick.
 *
 * <p>The stand-ins are started once per test JVM and shared by every Quarkus start that uses this
 * resource (profiles restart the application, not the stand-ins), so their addresses never change
 * under a running application; a shutdown hook closes them.
 */
public class StandInLokiResource implements QuarkusTestResourceLifecycleManager {

    private static LokiQueryStandIn loki;
    private static LokiQueryStandIn prometheus;
    private static LokiTailStandIn tail;

    public static LokiQueryStandIn loki() {
        return loki;
    }

    public static LokiQueryStandIn prometheus() {
        return prometheus;
    }

    public static LokiTailStandIn tail() {
        return tail;
    }

    /** Clears every stand-in's rules and recorded requests. */
    public static void resetAll() {
        loki.reset();
        prometheus.reset();
        tail.reset();
    }

    @Override
    public Map<String, String> start() {
        startOnce();
        return Map.of("loki.url", loki.url(), "loki.tail-url", tail.url(), "prometheus.url", prometheus.url(),
                "query.limits.timeout", "2s");
    }

    private static synchronized void startOnce() {
        if (loki == null) {
            loki = new LokiQueryStandIn();
            prometheus = new LokiQueryStandIn();
            tail = new LokiTailStandIn();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                loki.close();
                prometheus.close();
                tail.close();
            }));
        }
    }

    @Override
    public void stop() {
        resetAll();
    }
}
