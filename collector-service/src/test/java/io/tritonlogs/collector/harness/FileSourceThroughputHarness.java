package io.tritonlogs.collector.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig;
import io.tritonlogs.collector.files.FileSource;
import io.tritonlogs.collector.files.PodMetadata;
import io.tritonlogs.collector.pipeline.PipelineSettings;
import io.tritonlogs.collector.pipeline.TargetIdentity;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.shipping.LokiPusher;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.Shipper;
import io.tritonlogs.collector.testing.CountingMetrics;
import io.tritonlogs.collector.testing.TestWorkers;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import io.tritonlogs.support.loki.LokiConnection;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Throughput of the file source (not a test; prints numbers): N real-format Triton lines in a
 * CRI pod log file (the traffic sessions of fixtures/triton-logs, cycled) are read, parsed, labelled,
 * redacted, batched and pushed to the Loki at LOKI_URL or to the push stand-in in its own JVM,
 * until every entry is acknowledged. A first file of N/5 lines warms the JIT up.
 *
 * <pre>
 * ./mvnw -q -pl collector-service -am test-compile -DskipTests
 * ./mvnw -q -pl collector-service exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tritonlogs.collector.harness.FileSourceThroughputHarness -Dexec.args="1000000"
 * </pre>
 */
public final class FileSourceThroughputHarness {

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("file-harness");
        String lokiUrl = System.getenv("LOKI_URL");
        Process standIn = lokiUrl == null || lokiUrl.isBlank() ? CollectorThroughputHarness.startStandIn() : null;
        String target = standIn != null ? new java.io.BufferedReader(new java.io.InputStreamReader(standIn.getInputStream())).readLine() : lokiUrl;

        CountingMetrics counters = new CountingMetrics();
        SendQueue queue = new SendQueue(16 * 1024 * 1024);
        FilePositionStore positions = new FilePositionStore(work.resolve("positions.json"), new ObjectMapper());
        Shipper shipper = new Shipper(queue, new LokiPusher(LokiConnection.anonymous(target, Duration.ofSeconds(5), Duration.ofSeconds(30)), null),
                Backoff.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(5)), positions,
                counters, 1024 * 1024, Duration.ofMillis(200), LokiConfig.StructuredMetadata.AUTO);
        PipelineSettings settings = new PipelineSettings(new TritonLineParser(), new JoinLimits(500, 256 * 1024, Duration.ofMillis(100)),
                new ModelNameExtractor(), Redactor.withDefaults(), 200);
        shipper.start(TestWorkers.create());

        int warmup = Math.max(lines / 5, 1000);
        run(work.resolve("warmup"), warmup, settings, queue, counters, positions);
        counters.reset();
        Path pods = work.resolve("measured");
        writeCri(pods, lines);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        FileSource source = source(pods, settings, queue, counters, positions);
        source.start();
        while (!counters.drained(lines)) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        System.out.printf("lines read:                 %,d (%,d entries acknowledged by %s)%n", counters.linesRead.get(), counters.entriesAcknowledged.get(),
                standIn != null ? "the push stand-in (own process)" : lokiUrl);
        System.out.printf("wall time:                  %.2f s%n", seconds);
        System.out.printf("throughput:                 %,.0f lines/s%n", counters.linesRead.get() / seconds);
        System.out.printf("collector CPU:              %.2f s (%.2f CPU-s per million lines)%n", cpuSeconds, cpuSeconds / (counters.linesRead.get() / 1e6));
        System.out.printf("peak RSS (whole JVM):       %s%n", CollectorThroughputHarness.peakRss());
        source.stop();
        shipper.stop(Duration.ofSeconds(5));
        if (standIn != null) {
            standIn.destroy();
        }
        System.exit(0);
    }

    private static void run(Path pods, int lines, PipelineSettings settings, SendQueue queue, CountingMetrics counters,
                            FilePositionStore positions) throws Exception {
        writeCri(pods, lines);
        FileSource source = source(pods, settings, queue, counters, positions);
        source.start();
        while (!counters.drained(lines)) {
            Thread.sleep(20);
        }
        source.stop();
    }

    private static FileSource source(Path pods, PipelineSettings settings, SendQueue queue, CountingMetrics counters,
                                     FilePositionStore positions) {
        return new FileSource(pods, Optional.empty(), Duration.ofMillis(100),
                (id, n, labels, resume) -> new TargetPipeline(new TargetIdentity(id, n, labels), settings, queue, counters, resume),
                positions, queue, new PodMetadata(Optional.empty(), Optional.empty(), Optional.empty(), new ObjectMapper()), counters, 256 * 1024,
                TestWorkers.create(), new ObjectMapper());
    }

    private static void writeCri(Path pods, int count) throws Exception {
        Path file = Files.createDirectories(pods.resolve("default_triton-0_uid").resolve("triton")).resolve("0.log");
        List<String> source = new ArrayList<>();
        for (String session : List.of("03-legacy-traffic.log", "06-escaped-traffic.log", "09-iso-traffic.log")) {
            source.addAll(Fixtures.lines(Fixtures.tritonLogs().resolve(session)));
        }
        long base = Instant.now().getEpochSecond() * 1_000_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                String line = source.get(i % source.size()).replace("request id: ", "request id: " + i + "-");
                String stream = line.startsWith("E") || line.startsWith("W") ? "stderr" : "stdout";
                out.write(Instant.ofEpochSecond(0, base + i * 1000L) + " " + stream + " F " + line + "\n");
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
