package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency from a line written in a container to the push stand-in holding it:
 * a busybox container (network none) writes {@code lines} numbered lines, 20 a second; the
 * packaged collector ({@code COLLECTOR_SHIPPING_BATCH_MAX_WAIT} as given, default 200ms) ships
 * them to a {@link LokiPushStandIn} in this JVM, which this harness polls every 2 ms. Latency per
 * entry = the time the poll first saw it minus the entry's timestamp, which is the Docker
 * runtime's own write time. Run from the repository root after {@code ./mvnw -o install -DskipTests}:
 *
 * <pre>
 * ./mvnw -B -q -o -pl system-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tritonlogs.system.EndToEndLatencyHarness -Dexec.args="300 200ms"
 * </pre>
 */
public final class EndToEndLatencyHarness {

    private EndToEndLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        String batchWait = args.length > 1 ? args[1] : "200ms";
        Busybox.ensureImage();
        String prefix = Suite.prefix();
        String container = prefix + "-latency";
        Path dir = Suite.tempDir("latency");
        List<Long> latenciesMicros = new ArrayList<>();
        try (LokiPushStandIn loki = new LokiPushStandIn();
             ServiceProcess collector = Suite.collector(loki.url(), dir.resolve("collector"), prefix,
                     Map.of("COLLECTOR_SHIPPING_BATCH_MAX_WAIT", batchWait)).start()) {
            Busybox.start(container, false, Suite.numberedWriter(lines, 20));
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(lines / 20 + 60).toNanos();
            while (seen < lines && System.nanoTime() < deadline) {
                List<LokiPushStandIn.ReceivedEntry> stored = loki.stored(l -> l.contains("container=\"" + container + "\""));
                Instant now = Instant.now();
                long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                for (int i = seen; i < stored.size(); i++) {
                    latenciesMicros.add(nowMicros - stored.get(i).timestampNanos() / 1_000);
                }
                seen = stored.size();
                Thread.sleep(2);
            }
            System.out.println(Suite.memory("collector", collector));
        } finally {
            Busybox.remove(container);
        }
        if (latenciesMicros.size() < lines) {
            throw new IllegalStateException("only " + latenciesMicros.size() + " of " + lines + " lines arrived");
        }
        if (Boolean.getBoolean("latency.dump")) {
            for (int i = 0; i < latenciesMicros.size(); i++) {
                if (latenciesMicros.get(i) > 400_000) {
                    System.out.println("line " + (i + 1) + ": " + latenciesMicros.get(i) / 1000 + " ms");
                }
            }
        }
        // The first second's lines also wait for the collector to discover the new container.
        print("all lines (container discovery included)", new ArrayList<>(latenciesMicros), batchWait);
        print("after the first second", new ArrayList<>(latenciesMicros.subList(20, latenciesMicros.size())), batchWait);
        System.exit(0);
    }

    private static void print(String what, List<Long> micros, String batchWait) {
        Collections.sort(micros);
        System.out.printf("end-to-end latency, %s, %d lines, COLLECTOR_SHIPPING_BATCH_MAX_WAIT=%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                what, micros.size(), batchWait, pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
