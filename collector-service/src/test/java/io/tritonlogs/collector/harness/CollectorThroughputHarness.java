package io.tritonlogs.collector.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig;
import io.tritonlogs.collector.docker.ContainerFilter;
import io.tritonlogs.collector.docker.DockerApi;
import io.tritonlogs.collector.docker.DockerSource;
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
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import io.tritonlogs.support.loki.LokiConnection;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Throughput of the collector from a real container's log stream to Loki's acknowledgement (not a
 * test; prints numbers). A busybox container cats N real-format Triton lines (the traffic sessions
 * of fixtures/triton-logs, cycled, with unique request ids); the collector's Docker source, pipeline
 * and shipper run in this JVM and push to the Loki at LOKI_URL or to the push stand-in.
 *
 * <p>The stand-in runs in a JVM of its own (counting only), so CPU time and peak RSS are this
 * JVM's: the collector's pipeline, shipper, GC and JIT, after a warm-up run of a fifth as many lines
 * (or as many as the second argument says: with as many as measured, the JIT has finished and the
 * number is the steady state of a collector that runs for days).
 *
 * <pre>
 * ./mvnw -q -pl collector-service -am test-compile -DskipTests
 * ./mvnw -q -pl collector-service exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tritonlogs.collector.harness.CollectorThroughputHarness -Dexec.args="1000000 [warm-up lines]"
 * </pre>
 */
public final class CollectorThroughputHarness {

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("collector-harness");
        Path input = work.resolve("lines.log");
        writeLines(input, lines);

        String lokiUrl = System.getenv("LOKI_URL");
        Process standIn = lokiUrl == null || lokiUrl.isBlank() ? startStandIn() : null;
        String target = standIn != null ? new java.io.BufferedReader(new java.io.InputStreamReader(standIn.getInputStream())).readLine() : lokiUrl;

        CountingMetrics counters = new CountingMetrics();

        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        SendQueue queue = new SendQueue(16 * 1024 * 1024);
        FilePositionStore positions = new FilePositionStore(work.resolve("positions.json"), new ObjectMapper());
        Shipper shipper = new Shipper(queue, new LokiPusher(LokiConnection.anonymous(target, Duration.ofSeconds(5), Duration.ofSeconds(30)), null),
                Backoff.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(5)), positions, counters,
                1024 * 1024, Duration.ofMillis(200), LokiConfig.StructuredMetadata.AUTO);
        PipelineSettings settings = new PipelineSettings(new TritonLineParser(),
                new JoinLimits(500, 256 * 1024, Duration.ofMillis(100)), new ModelNameExtractor(), Redactor.withDefaults(), 200);
        String name = "tlh-" + System.nanoTime();
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(lines / 5, 1000);
        // Both containers write everything before they are read, so what is measured is the
        // collector, not the writer. The first one only warms the JIT up.
        Busybox.start(name + "-warmup", false, "head -n " + warmup + " /data/lines.log; sleep 3600", "-v", input + ":/data/lines.log:ro");
        Busybox.start(name, false, "cat /data/lines.log; sleep 3600", "-v", input + ":/data/lines.log:ro");
        waitForLogSize(name, input);
        shipper.start(TestWorkers.create());

        DockerSource warm = source(vertx, name + "-warmup", settings, queue, counters, positions);
        warm.start();
        waitUntil(() -> counters.drained(warmup));
        warm.stop();
        counters.reset();

        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        DockerSource docker = source(vertx, name, settings, queue, counters, positions);
        docker.start();
        waitUntil(() -> counters.drained(lines));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

        System.out.printf("lines read:                 %,d (%,d entries acknowledged by %s)%n", counters.linesRead.get(), counters.entriesAcknowledged.get(),
                standIn != null ? "the push stand-in (own process)" : lokiUrl);
        System.out.printf("wall time:                  %.2f s%n", seconds);
        System.out.printf("throughput:                 %,.0f lines/s%n", counters.linesRead.get() / seconds);
        System.out.printf("collector CPU:              %.2f s (%.2f CPU-s per million lines)%n", cpuSeconds, cpuSeconds / (counters.linesRead.get() / 1e6));
        System.out.printf("peak RSS (whole JVM):       %s%n", peakRss());

        docker.stop();
        shipper.stop(Duration.ofSeconds(5));
        Busybox.remove(name);
        Busybox.remove(name + "-warmup");
        vertx.close();
        if (standIn != null) {
            standIn.destroy();
        }
        System.exit(0);
    }

    private static DockerSource source(Vertx vertx, String containerName, PipelineSettings settings, SendQueue queue,
                                       CountingMetrics counters, FilePositionStore positions) {
        return new DockerSource(vertx, new DockerApi(vertx, "unix:///var/run/docker.sock", new ObjectMapper()),
                new ContainerFilter(Optional.of(Pattern.compile("^" + Pattern.quote(containerName) + "$")), Optional.empty(),
                        List.of(), List.of(), Optional.empty()),
                (id, n, labels, resume) -> new TargetPipeline(new TargetIdentity(id, n, labels), settings, queue, counters, resume),
                positions, queue, counters, 256 * 1024, Duration.ofMillis(100), Duration.ofSeconds(2), TestWorkers.create(),
                new ObjectMapper());
    }

    /** The Loki push stand-in in a JVM of its own, counting only, so its CPU is not ours. */
    static Process startStandIn() throws Exception {
        StringBuilder classpath = new StringBuilder();
        ClassLoader loader = CollectorThroughputHarness.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader urls) {
            for (java.net.URL url : urls.getURLs()) {
                classpath.append(Path.of(url.toURI())).append(java.io.File.pathSeparator);
            }
        } else {
            classpath.append(System.getProperty("java.class.path"));
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath.toString(),
                LokiPushStandIn.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Waits until dockerd has the whole file in the container's log (the writer is done). */
    private static void waitForLogSize(String container, Path input) throws Exception {
        long lines = Files.lines(input).count();
        while (true) {
            Busybox.Result inspect = Busybox.run(true, "docker", "inspect", "-f", "{{.LogPath}}", container);
            Path log = Path.of(inspect.output().trim());
            if (Files.exists(log) && Files.lines(log).count() >= lines) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(20);
        }
    }

    private static void writeLines(Path file, int count) throws Exception {
        List<String> source = new ArrayList<>();
        for (String session : List.of("03-legacy-traffic.log", "06-escaped-traffic.log", "09-iso-traffic.log")) {
            source.addAll(Fixtures.lines(Fixtures.tritonLogs().resolve(session)));
        }
        StringBuilder out = new StringBuilder(count * 110);
        for (int i = 0; i < count; i++) {
            String line = source.get(i % source.size());
            out.append(line.replace("request id: ", "request id: " + i + "-")).append('\n');
        }
        Files.writeString(file, out);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
