package io.tritonlogs.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.testing.ServiceProcess;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.MultilineJoiner;
import io.tritonlogs.common.triton.TritonLineParser;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The collector as a node sees it (not a test; prints numbers): the packaged collector in its own
 * process with the JVM settings its image gives it, following one container of a real Docker
 * engine that writes real-format Triton lines (the traffic sessions of fixtures/triton-logs,
 * cycled: 19 % of them table rows joined to their record), shipping to the real Loki at
 * {@code LOKI_URL}. Measures the whole process: CPU from {@code /proc/<pid>/stat} (after start-up,
 * and with it), peak RSS ({@code VmHWM}), and counts the entries in Loki exactly.
 *
 * <pre>
 * ./mvnw -B -q -o install -DskipTests
 * LOKI_URL=http://127.0.0.1:3100 ./mvnw -B -q -o -pl system-tests exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tritonlogs.system.NodeAgentHarness -Dexec.args="sustained 10000 300"   # lines/s, seconds
 *     ... -Dexec.args="burst 500000"                                                             # lines, as fast as Docker takes them
 * </pre>
 * The JVM options: {@code -Dcollector.jvm="..."} (default: those of the collector's image, {@link #DEFAULT_JVM});
 * extra environment for the collector: {@code -Dcollector.env="NAME=value,NAME=value"}.
 */
public final class NodeAgentHarness {

    /** The JVM settings of the collector's image (collector-service/src/main/docker/Dockerfile.jvm), spelled out. */
    static final String DEFAULT_JVM = "-XX:+UseSerialGC -Xms16m -Xmx64m -XX:NewRatio=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxDirectMemorySize=32m"
            + " -XX:+ExitOnOutOfMemoryError";
    private static final int BLOCK_LINES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NodeAgentHarness() {
    }

    public static void main(String[] args) throws Exception {
        String loki = System.getenv("LOKI_URL");
        if (loki == null || loki.isBlank()) {
            throw new IllegalStateException("set LOKI_URL to a real Loki: this harness measures against one");
        }
        loki = loki.replaceAll("/+$", "");
        String mode = args.length > 0 ? args[0] : "sustained";
        List<String> jvm = Arrays.asList(System.getProperty("collector.jvm", DEFAULT_JVM).trim().split("\\s+"));
        Busybox.ensureImage();
        String prefix = Suite.prefix();
        String container = prefix + "-node";
        Path dir = Suite.tempDir("node-agent");
        Path block = dir.resolve("block.log");
        int entriesPerBlock = writeBlock(block);

        int blocks;
        String script;
        if (mode.equals("burst")) {
            blocks = Integer.parseInt(args.length > 1 ? args[1] : "500000") / BLOCK_LINES;
            script = "n=0; while [ $n -lt " + blocks + " ]; do cat /data/block.log; n=$((n+1)); done; sleep 3600";
        } else {
            int rate = Integer.parseInt(args.length > 1 ? args[1] : "10000");
            int seconds = Integer.parseInt(args.length > 2 ? args[2] : "300");
            int blocksPerSecond = Math.max(1, rate / BLOCK_LINES);
            blocks = blocksPerSecond * seconds;
            // Each second: its blocks as fast as the engine takes them, then wait for the next
            // second (busybox sh has no finer clock); the rate really written is reported from
            // Docker's timestamps of the first and last line.
            script = "s=0; while [ $s -lt " + seconds + " ]; do t=$(date +%s); n=0; while [ $n -lt " + blocksPerSecond
                    + " ]; do cat /data/block.log; n=$((n+1)); done; s=$((s+1)); while [ $(date +%s) -eq $t ]; do usleep 5000; done; done;"
                    + " sleep 3600";
        }
        long lines = (long) blocks * BLOCK_LINES;
        long expectedEntries = (long) blocks * entriesPerBlock;

        Map<String, String> env = new java.util.HashMap<>(Map.of("MALLOC_ARENA_MAX", "2")); // as the image sets it
        for (String pair : System.getProperty("collector.env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        try (ServiceProcess collector = Suite.collector(loki, dir.resolve("collector"), prefix, env).jvmOptions(jvm).start()) {
            Thread.sleep(3_000); // start-up settles: what follows is the work
            long cpuAtStart = cpuTicks(collector.pid());
            long began = System.nanoTime();
            Busybox.start(container, false, script, "-v", block.toAbsolutePath() + ":/data/block.log:ro");
            AtomicInteger polls = new AtomicInteger();
            long stored = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(lines / 1_000 + 600).toNanos();
            while (stored < expectedEntries && System.nanoTime() < deadline) {
                Thread.sleep(polls.incrementAndGet() < 10 ? 2_000 : 5_000);
                if (acknowledged(collector) >= expectedEntries) {
                    stored = countInLoki(loki, container);
                }
            }
            double wall = (System.nanoTime() - began) / 1e9;
            long cpuTotal = cpuTicks(collector.pid());
            long[] span = firstAndLastTimestamp(loki, container);
            double writerSeconds = (span[1] - span[0]) / 1e9;
            System.out.printf("mode %s, JVM %s%n", mode, String.join(" ", jvm));
            System.out.printf("lines written: %,d in %.1f s by the container (%,.0f lines/s), %,d entries expected%n",
                    lines, writerSeconds, lines / Math.max(writerSeconds, 0.001), expectedEntries);
            System.out.printf("entries in Loki: %,d (%s)%n", stored, stored == expectedEntries ? "exact" : "MISMATCH");
            System.out.printf("wall time to the last entry acknowledged and counted: %.1f s%n", wall);
            System.out.printf("collector CPU: %.1f s after start-up = %.2f CPU-s per million lines; with start-up %.1f s = %.2f CPU-s per million lines%n",
                    (cpuTotal - cpuAtStart) / 100.0, (cpuTotal - cpuAtStart) / 100.0 / (lines / 1e6),
                    cpuTotal / 100.0, cpuTotal / 100.0 / (lines / 1e6));
            System.out.println(Suite.memory("collector", collector));
            System.out.println("collector's log: " + dir.resolve("collector").resolve("collector.log"));
        } finally {
            Busybox.remove(container);
        }
        System.exit(0);
    }

    /** A block of real-format traffic lines ending at a record boundary; returns how many entries it makes. */
    private static int writeBlock(Path file) throws Exception {
        List<String> source = new ArrayList<>();
        for (String session : List.of("03-legacy-traffic.log", "06-escaped-traffic.log", "09-iso-traffic.log")) {
            source.addAll(Fixtures.lines(Fixtures.tritonLogs().resolve(session)));
        }
        List<String> lines = new ArrayList<>();
        TritonLineParser parser = new TritonLineParser();
        for (int i = 0; lines.size() < BLOCK_LINES; i++) {
            lines.add(source.get(i % source.size()));
        }
        // The next block starts with this block's first line, which must begin an entry.
        if (!parser.parse(lines.get(0)).hasTritonPreamble()) {
            throw new IllegalStateException("the block must start with a Triton record");
        }
        Files.writeString(file, String.join("\n", lines) + "\n");
        List<Object> entries = new ArrayList<>();
        MultilineJoiner joiner = new MultilineJoiner(parser, JoinLimits.DEFAULT, entries::add);
        for (String line : lines) {
            joiner.accept(line, 0);
        }
        joiner.flush();
        return entries.size();
    }

    private static long acknowledged(ServiceProcess collector) {
        for (String line : collector.metrics().split("\n")) {
            if (line.startsWith("collector_entries_sent_total")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static long countInLoki(String loki, String container) throws Exception {
        JsonNode answer = get(loki, "/loki/api/v1/query", Map.of("query", "sum(count_over_time({container=\"" + container + "\"}[1h]))"));
        JsonNode result = answer.path("data").path("result");
        return result.isEmpty() ? 0 : Long.parseLong(result.get(0).path("value").path(1).asText());
    }

    private static long[] firstAndLastTimestamp(String loki, String container) throws Exception {
        long[] span = new long[2];
        int i = 0;
        for (String direction : List.of("forward", "backward")) {
            long now = System.currentTimeMillis() * 1_000_000L;
            JsonNode answer = get(loki, "/loki/api/v1/query_range", Map.of("query", "{container=\"" + container + "\"}",
                    "start", Long.toString(now - Duration.ofHours(1).toNanos()), "end", Long.toString(now), "limit", "1", "direction", direction));
            span[i++] = Long.parseLong(answer.path("data").path("result").get(0).path("values").get(0).path(0).asText());
        }
        return span;
    }

    private static JsonNode get(String loki, String path, Map<String, String> params) throws Exception {
        StringBuilder uri = new StringBuilder(loki).append(path);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            uri.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** utime + stime of the process, in clock ticks (100 a second on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
