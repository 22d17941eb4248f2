package io.tritonlogs.collector.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tritonlogs.collector.config.CollectorConfig;
import io.tritonlogs.collector.config.LokiConfig;
import io.tritonlogs.collector.docker.ContainerFilter;
import io.tritonlogs.collector.docker.DockerApi;
import io.tritonlogs.collector.docker.DockerSource;
import io.tritonlogs.collector.files.FileSource;
import io.tritonlogs.collector.files.PodMetadata;
import io.tritonlogs.collector.pipeline.TargetPipelineFactory;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.pipeline.PipelineSettings;
import io.tritonlogs.collector.pipeline.TargetIdentity;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.collector.shipping.Backoff;
import io.tritonlogs.collector.shipping.LokiPusher;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.Shipper;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.common.kubernetes.KubernetesApi;
import io.tritonlogs.common.redact.RedactionConfig;
import io.tritonlogs.common.redact.RedactionRule;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the collector from configuration at start-up and takes it down in order at shutdown:
 * readers stop and emit what they hold, the shipper drains the buffer, positions are saved.
 */
@ApplicationScoped
public class CollectorRuntime {

    private final CollectorConfig config;
    private final LokiConfig loki;
    private final Vertx vertx;
    private final CollectorMetrics metrics;

    private SendQueue queue;
    private PositionStore positions;
    private Shipper shipper;
    private LogSource source;
    private Workers workers;

    CollectorRuntime(CollectorConfig config, LokiConfig loki, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.loki = loki;
        this.vertx = vertx;
        this.metrics = new CollectorMetrics(registry);
    }

    void onStart(@Observes StartupEvent event) {
        validate();
        workers = new Workers(metrics.registry(), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        queue = new SendQueue(config.shipping().bufferMaxBytes());
        positions = new FilePositionStore(config.dataDir().resolve("positions.json"));
        LokiPusher pusher = new LokiPusher(loki.url(), config.shipping().timeout(), loki.tenantId(), loki.username(),
                loki.password(), loki.bearerToken());
        shipper = new Shipper(queue, pusher, new Backoff(config.shipping().minBackoff(), config.shipping().maxBackoff()),
                positions, metrics, config.shipping().batchMaxBytes(), config.shipping().batchMaxWait(), loki.structuredMetadata());
        Gauge.builder("collector_buffer_bytes", queue, SendQueue::bytes).baseUnit(BaseUnits.BYTES)
                .description("Bytes waiting in the send buffer")
                .register(freshGauge("collector_buffer_bytes"));
        Gauge.builder("collector_buffer_fill_ratio", queue, q -> (double) q.bytes() / q.maxBytes())
                .description("Send buffer fill, 0 to 1").register(freshGauge("collector_buffer_fill_ratio"));
        shipper.start(workers);
        Log.infof("shipping to %s (buffer %d bytes, batches up to %d bytes or %s)", pusher.pushUri(),
                config.shipping().bufferMaxBytes(), config.shipping().batchMaxBytes(), config.shipping().batchMaxWait());

        switch (config.source()) {
            case "docker" -> startDocker();
            case "files" -> startFiles();
            default -> throw new IllegalArgumentException("collector.source must be docker or files, was " + config.source());
        }
    }

    private void startDocker() {
        CollectorConfig.Docker d = config.docker();
        ContainerFilter filter = new ContainerFilter(d.includeNames().map(Pattern::compile), d.excludeNames().map(Pattern::compile),
                d.includeLabels().orElse(List.of()), d.excludeLabels().orElse(List.of()),
                d.excludeSelf() ? Optional.ofNullable(System.getenv("HOSTNAME")) : Optional.empty());
        PipelineSettings settings = pipelineSettings();
        start(new DockerSource(vertx, new DockerApi(vertx, d.host()), filter, pipelines(settings),
                positions, queue, metrics, config.pipeline().maxLineBytes(), config.pipeline().joinTimeout(), d.maxReconnectDelay(), workers));
    }

    private void startFiles() {
        CollectorConfig.Files f = config.files();
        Optional<String> api = f.kubernetesApi().or(KubernetesApi::inClusterUrl);
        PodMetadata pods = new PodMetadata(api, Optional.of(f.kubernetesTokenFile()), Optional.of(f.kubernetesCaFile()));
        start(new FileSource(f.podsDir(), f.dockerContainersDir(), f.pollInterval(), pipelines(pipelineSettings()), positions, queue,
                pods, metrics, config.pipeline().maxLineBytes(), workers));
    }

    private TargetPipelineFactory pipelines(PipelineSettings settings) {
        return (id, name, labels, resumeAfter) -> new TargetPipeline(new TargetIdentity(id, name, labels), settings, queue, metrics, resumeAfter);
    }

    private void start(LogSource logSource) {
        source = logSource;
        Gauge.builder("collector_followed_targets", logSource, LogSource::targetCount)
                .description("Containers or log files being followed").register(freshGauge("collector_followed_targets"));
        logSource.start();
    }

    /**
     * The registry, without an earlier gauge of this name: a registry kept across a restart of the
     * application in one JVM (tests, dev mode) would otherwise hand back the old gauge, which still
     * reads the stopped runtime's queue or source.
     */
    private MeterRegistry freshGauge(String name) {
        MeterRegistry registry = metrics.registry();
        registry.find(name).meters().forEach(registry::remove);
        return registry;
    }

    PipelineSettings pipelineSettings() {
        CollectorConfig.Pipeline p = config.pipeline();
        RedactionConfig redaction = new RedactionConfig(p.redactKeys().orElse(RedactionConfig.DEFAULT_SECRET_KEYS),
                true, true, true, extraRedactionRules(config.redaction()));
        return new PipelineSettings(new TritonLineParser(),
                new JoinLimits(p.maxJoinedLines(), p.maxLineBytes(), p.joinTimeout()),
                new ModelNameExtractor(p.modelPatterns().orElse(List.of())), new Redactor(redaction), p.maxModelsPerContainer());
    }

    /**
     * The configured extra redaction rules in name order, each compiled and checked once here: a bad
     * pattern or replacement stops the start with a sentence naming the property and the fault.
     */
    static List<RedactionRule> extraRedactionRules(CollectorConfig.Redaction redaction) {
        List<RedactionRule> rules = new ArrayList<>();
        for (Map.Entry<String, CollectorConfig.ExtraRule> e : new TreeMap<>(redaction.extraRules()).entrySet()) {
            try {
                rules.add(RedactionRule.of(e.getKey(), e.getValue().pattern(), e.getValue().replacement()));
            } catch (IllegalArgumentException fault) {
                throw new IllegalArgumentException("collector.redaction.extra-rules." + e.getKey() + " (pattern "
                        + e.getValue().pattern() + ", replacement " + e.getValue().replacement() + ") is refused: "
                        + fault.getMessage(), fault);
            }
        }
        return List.copyOf(rules);
    }

    /** Fails start-up with a sentence naming the setting, like OpenTelemetry's processor builders. */
    private void validate() {
        CollectorConfig.Shipping s = config.shipping();
        require(s.batchMaxBytes() >= 1024, "collector.shipping.batch-max-bytes must be at least 1024");
        require(s.bufferMaxBytes() >= 2L * s.batchMaxBytes(), "collector.shipping.buffer-max-bytes must be at least twice batch-max-bytes");
        require(config.pipeline().maxLineBytes() >= 1024, "collector.pipeline.max-line-bytes must be at least 1024");
        require(config.pipeline().maxModelsPerContainer() >= 0, "collector.pipeline.max-models-per-container must not be negative");
        require(!s.batchMaxWait().isNegative() && !s.batchMaxWait().isZero(), "collector.shipping.batch-max-wait must be positive");
        requireWritable(config.dataDir());
        extraRedactionRules(config.redaction());
    }

    /** Positions that cannot be saved would re-send everything after a restart: refuse to start instead. */
    private static void requireWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("collector.data-dir (COLLECTOR_DATA_DIR) " + dataDir + " cannot be created (" + e
                    + "); set COLLECTOR_DATA_DIR to a directory the collector can write (the images use /work/data)");
        }
        require(Files.isWritable(dataDir), "collector.data-dir (COLLECTOR_DATA_DIR) " + dataDir
                + " is not writable by this user; set COLLECTOR_DATA_DIR to a directory the collector can write (the images use /work/data)");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (source != null) {
            source.stop();
        }
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(10));
        }
    }

    public Optional<LogSource> source() {
        return Optional.ofNullable(source);
    }

    public Shipper shipper() {
        return shipper;
    }

    /** The supervised workers and their heartbeats, for the liveness check. */
    public Workers workers() {
        return workers;
    }

    public SendQueue queue() {
        return queue;
    }
}
