package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import io.tritonlogs.common.testing.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The whole chain as a user runs it: a container replaying a real Triton session, the packaged
 * collector, query-service and alert-service, Loki (or the stand-ins) and a local webhook receiver.
 */
final class Chain implements AutoCloseable {

    /** The replayed session: 110 lines of a serving Triton, 8 of them errors, 3 carrying {@code password=swordfish}. */
    static final String SESSION = "03-legacy-traffic.log";
    static final String SECRET = "swordfish";
    static final String MODEL = "simple_identity";
    static final int THRESHOLD = 3;

    final LokiSide loki;
    final WebhookReceiver hook;
    final String prefix = Suite.prefix();
    final String container = prefix + "-triton";
    final Path dir;
    ServiceProcess collector;
    ServiceProcess query;
    ServiceProcess alert;

    Chain(String name) throws IOException {
        Busybox.ensureImage();
        dir = Suite.tempDir(name);
        loki = LokiSide.realOrStandIns();
        hook = new WebhookReceiver();
    }

    Chain start(Map<String, String> alertEnv) throws IOException {
        if (!loki.real()) {
            // Before the burst Loki would answer an empty vector for the rule's query.
            loki.queryStandIn().answer(r -> r.path().equals("/loki/api/v1/query"), Answers.vector(Map.of(), now()));
        }
        collector = Suite.collector(loki.pushUrl(), dir.resolve("collector"), prefix, Map.of()).start();
        query = Suite.queryService(loki.queryUrl(), dir).start();
        alert = Suite.alertService(loki.queryUrl(), dir, container, THRESHOLD, hook.url(), alertEnv).start();
        return this;
    }

    /** Starts the container: it writes the whole session at once (the error burst), then idles. */
    void replay() {
        Path sessions = Fixtures.tritonLogs().toAbsolutePath();
        Busybox.start(container, false, "trap 'exit 0' TERM; cat /fixtures/" + SESSION + "; while true; do sleep 1; done",
                "-v", sessions + ":/fixtures:ro", "--label", "com.docker.compose.service=triton");
    }

    List<String> sessionLines() {
        return Fixtures.lines(Fixtures.tritonLogs().resolve(SESSION));
    }

    /** The session's error lines as they must reach Loki: redacted. */
    List<String> expectedErrors() {
        return sessionLines().stream().filter(l -> l.startsWith("E"))
                .map(l -> l.replace("password=" + SECRET, "password=***REDACTED***")).toList();
    }

    List<LokiSide.Entry> errors() {
        // Oldest first across streams (the stand-in keeps each stream's arrival order; Loki sorts by time).
        return loki.entries(container).stream().filter(e -> "ERROR".equals(e.labels().get("level")))
                .sorted(java.util.Comparator.comparingLong(LokiSide.Entry::timestampNanos)).toList();
    }

    /** Error entries per model_name, as Loki's {@code sum by (model_name) (count_over_time(...))} counts them. */
    Map<String, Long> errorsByModel() {
        return errors().stream().filter(e -> e.labels().containsKey("model_name"))
                .collect(Collectors.groupingBy(e -> e.labels().get("model_name"), TreeMap::new, Collectors.counting()));
    }

    /** Stand-in only: answers the rule's query as Loki does while the burst is inside the 1m window. */
    void scriptBurstInWindow() {
        Map<String, Long> above = new TreeMap<>(errorsByModel());
        above.values().removeIf(v -> v <= THRESHOLD);
        LokiQueryStandIn standIn = loki.queryStandIn();
        standIn.answer(r -> r.path().equals("/loki/api/v1/query"), Answers.vector(above, now()));
    }

    /** Stand-in only: the burst has left the window: an empty vector. */
    void scriptBurstOutOfWindow() {
        loki.queryStandIn().answer(r -> r.path().equals("/loki/api/v1/query"), Answers.vector(Map.of(), now()));
    }

    /** Waits for the firing notification (and, in real Loki mode, for the burst to leave the window). */
    Duration firingTimeout() {
        return Duration.ofSeconds(30);
    }

    Duration resolvedTimeout() {
        return loki.real() ? Duration.ofSeconds(150) : Duration.ofSeconds(30);
    }

    void awaitBurstStored() {
        int expected = expectedErrors().size();
        Await.until(Duration.ofSeconds(60), expected + " error entries of " + container, () -> errors().size() >= expected);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess s : new ServiceProcess[] {alert, query, collector}) {
            if (s != null) {
                s.close();
            }
        }
        Busybox.remove(container);
        hook.close();
        loki.close();
    }
}
