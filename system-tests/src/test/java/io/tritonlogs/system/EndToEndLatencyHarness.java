package io.tritonlogs.system;

import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * End-to-end latency from a line written in a container to the moment it can be found: a busybox
 * container (network none) writes {@code lines} numbered lines, 20 a second, and the packaged
 * collector ({@code COLLECTOR_SHIPPING_BATCH_MAX_WAIT} as given, default 200ms) ships them.
 * With {@code LOKI_URL} set, to that real Loki, and the harness asks the packaged query-service
 * ({@code /api/v1/logs}, one client, every 10 ms) until each line is in its answer: the latency a
 * user sees. Without it, to a {@link LokiPushStandIn} in this JVM, polled every 2 ms: the
 * collector's share alone. Latency per entry = the time a poll first saw it minus the entry's
 * timestamp, which is the Docker runtime's own write time. Run from the repository root after
 * {@code ./mvnw -o install -DskipTests}:
 *
 * <pre>
 * LOKI_URL=http://127.0.0.1:3100 ./mvnw -B -q -o -pl system-tests test-compile exec:java -Dexec.classpathScope=test \
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
        String realLoki = System.getenv("LOKI_URL");
        try {
            if (realLoki != null && !realLoki.isBlank()) {
                throughQueryService(realLoki, lines, batchWait, prefix, container, dir, latenciesMicros);
            } else {
                throughStandIn(lines, batchWait, prefix, container, dir, latenciesMicros);
            }
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

    private static void throughStandIn(int lines, String batchWait, String prefix, String container, Path dir,
                                       List<Long> latenciesMicros) throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn();
             ServiceProcess collector = Suite.collector(loki.url(), dir.resolve("collector"), prefix,
                     Map.of("COLLECTOR_SHIPPING_BATCH_MAX_WAIT", batchWait)).start()) {
            Busybox.start(container, false, Suite.numberedWriter(lines, 20));
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(lines / 20 + 60).toNanos();
            while (seen < lines && System.nanoTime() < deadline) {
                List<LokiPushStandIn.ReceivedEntry> stored = loki.stored(l -> l.contains("container=\"" + container + "\""));
                long nowMicros = nowMicros();
                for (int i = seen; i < stored.size(); i++) {
                    latenciesMicros.add(nowMicros - stored.get(i).timestampNanos() / 1_000);
                }
                seen = stored.size();
                Thread.sleep(2);
            }
            System.out.println("collector to the push stand-in; " + Suite.memory("collector", collector));
        }
    }

    private static void throughQueryService(String loki, int lines, String batchWait, String prefix, String container, Path dir,
                                            List<Long> latenciesMicros) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        try (ServiceProcess collector = Suite.collector(loki, dir.resolve("collector"), prefix,
                     Map.of("COLLECTOR_SHIPPING_BATCH_MAX_WAIT", batchWait)).start();
             ServiceProcess query = Suite.queryService(loki, dir).start()) {
            long begin = (System.currentTimeMillis() - 5_000) * 1_000_000L;
            Busybox.start(container, false, Suite.numberedWriter(lines, 20));
            Set<String> seen = new HashSet<>();
            URI search = URI.create(query.url() + "/api/v1/logs?container=" + container + "&start=" + begin + "&limit=5000&direction=forward");
            long deadline = System.nanoTime() + Duration.ofSeconds(lines / 20 + 60).toNanos();
            while (seen.size() < lines && System.nanoTime() < deadline) {
                JsonNode answer = json.readTree(http.send(HttpRequest.newBuilder(search).build(), HttpResponse.BodyHandlers.ofString()).body());
                long nowMicros = nowMicros();
                for (JsonNode entry : answer.path("entries")) {
                    String ts = entry.path("timestampNanos").asText();
                    if (seen.add(ts)) {
                        latenciesMicros.add(nowMicros - Long.parseLong(ts) / 1_000);
                    }
                }
                Thread.sleep(10);
            }
            System.out.println("collector to Loki " + loki + ", read through the query-service; " + Suite.memory("collector", collector));
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
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
