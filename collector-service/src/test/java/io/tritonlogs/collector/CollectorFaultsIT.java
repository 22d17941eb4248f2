package io.tritonlogs.collector;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.ServiceProcess;
import io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged collector under faults, against a real Docker engine and the Loki stand-in (which,
 * like Loki, stores a re-sent (stream, timestamp, line) once): killed with SIGKILL mid-stream,
 * and Loki failing or gone while a container writes 100,000 lines.
 */
class CollectorFaultsIT {

    private LokiPushStandIn loki;
    private Path data;
    private String prefix;

    @BeforeEach
    void setUp() throws Exception {
        Busybox.ensureImage();
        loki = new LokiPushStandIn();
        data = Files.createTempDirectory("collector-it");
        prefix = "tlp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        loki.close();
        Busybox.removeAllTestContainers();
    }

    private ServiceProcess collector(Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "LOKI_URL", loki.url(),
                "COLLECTOR_DATA_DIR", data.toString(),
                "COLLECTOR_DOCKER_INCLUDE_NAMES", "^" + prefix,
                "COLLECTOR_SHIPPING_BATCH_MAX_WAIT", "200ms",
                "COLLECTOR_SHIPPING_MAX_BACKOFF", "2s"));
        env.putAll(extra);
        return new ServiceProcess(System.getProperty("collector.jar", "target/quarkus-app/quarkus-run.jar"), env, data.resolve("collector.log"));
    }

    private List<ReceivedEntry> stored(String container) {
        return loki.stored(labels -> labels.contains("container=\"" + container + "\""));
    }

    /** The container prints "line 1" … "line N" in bursts; returns its script. */
    private static String counting(int lines, int perBurst) {
        return "i=0; while [ $i -lt " + lines + " ]; do i=$((i+1)); echo \"I1201 10:30:45.000000 1 it.cc:1] line $i\"; "
                + "if [ $((i % " + perBurst + ")) -eq 0 ]; then sleep 1; fi; done; sleep 600";
    }

    @Test
    void collectorKilledMidStreamLosesAndDuplicatesNothing() throws Exception {
        String name = prefix + "-kill";
        ServiceProcess first = collector(Map.of()).start();
        Busybox.start(name, false, counting(20_000, 2_000));
        Await.until(Duration.ofSeconds(60), "first lines", () -> stored(name).size() >= 1_000);
        first.kill();
        ServiceProcess second = collector(Map.of()).start();
        Await.until(Duration.ofSeconds(60), "more lines", () -> stored(name).size() >= 8_000);
        second.kill();
        try (ServiceProcess third = collector(Map.of()).start()) {
            Await.until(Duration.ofSeconds(120), "all 20,000 lines of " + name, () -> stored(name).size() >= 20_000);
            List<ReceivedEntry> entries = Await.settled(Duration.ofSeconds(30), Duration.ofSeconds(2), () -> stored(name));
            assertEveryLineOnceInOrder(entries, 20_000);
            assertThat(third.metrics()).containsPattern("collector_lines_skipped_on_resume_total [1-9]");
        }
    }

    @Test
    void lokiFailingThenGoneWhileContainersWriteLosesNothing() throws Exception {
        Map<String, String> smallBuffer = Map.of("COLLECTOR_SHIPPING_BATCH_MAX_BYTES", "262144",
                "COLLECTOR_SHIPPING_BUFFER_MAX_BYTES", "1048576");
        try (ServiceProcess collector = collector(smallBuffer).start()) {
            // 500 for 30 s, then 429 with Retry-After, while 100,000 lines are written.
            String first = prefix + "-http-errors";
            loki.failWith(500, null);
            Busybox.start(first, false, counting(100_000, 100_000));
            Thread.sleep(30_000);
            loki.failWith(429, "1");
            Thread.sleep(5_000);
            assertThat(loki.failedPushes()).isGreaterThan(5);
            loki.recover();
            Await.until(Duration.ofSeconds(180), "100,000 lines of " + first, () -> stored(first).size() >= 100_000);
            assertEveryLineOnceInOrder(Await.settled(Duration.ofSeconds(30), Duration.ofSeconds(2), () -> stored(first)), 100_000);

            // Unreachable for 30 s.
            String second = prefix + "-unreachable";
            loki.stop();
            Busybox.start(second, false, counting(100_000, 100_000));
            Thread.sleep(30_000);
            String metrics = collector.metrics();
            assertThat(metrics).containsPattern("collector_reader_pauses_total [1-9]")
                    .containsPattern("collector_push_retries_total\\{cause=\"connection\"} [1-9]")
                    .containsPattern("collector_push_retries_total\\{cause=\"http_5xx\"} [1-9]")
                    .containsPattern("collector_push_retries_total\\{cause=\"http_429\"} [1-9]");
            assertThat(collector.get("/q/health/ready")).contains("\"DOWN\"");
            loki.restart();
            Await.until(Duration.ofSeconds(180), "100,000 lines of " + second, () -> stored(second).size() >= 100_000);
            assertEveryLineOnceInOrder(Await.settled(Duration.ofSeconds(30), Duration.ofSeconds(2), () -> stored(second)), 100_000);
            assertThat(collector.metrics()).doesNotContainPattern("collector_entries_dropped_total\\{reason=\"http_[0-9]+\"} [1-9]");
        }
    }

    private static void assertEveryLineOnceInOrder(List<ReceivedEntry> entries, int count) {
        assertThat(entries).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(entries.get(i).line()).isEqualTo("I1201 10:30:45.000000 1 it.cc:1] line " + (i + 1));
        }
    }
}
