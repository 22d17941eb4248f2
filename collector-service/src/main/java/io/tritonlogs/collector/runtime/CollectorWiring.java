package io.tritonlogs.collector.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tritonlogs.collector.config.CollectorConfig;
import io.tritonlogs.collector.config.LokiConfig;
import io.tritonlogs.collector.docker.ContainerFilter;
import io.tritonlogs.collector.docker.DockerApi;
import io.tritonlogs.collector.docker.DockerSource;
import io.tritonlogs.collector.files.FileSource;
import io.tritonlogs.collector.files.PodMetadata;
import io.tritonlogs.collector.pipeline.PipelineSettings;
import io.tritonlogs.collector.pipeline.TargetIdentity;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.pipeline.TargetPipelineFactory;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.collector.shipping.LokiPusher;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.Shipper;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.common.kubernetes.KubernetesApi;
import io.tritonlogs.common.redact.RedactionConfig;
import io.tritonlogs.common.redact.RedactionRule;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import io.tritonlogs.support.loki.LokiConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The collector's object graph, built from configuration: the one place that knows which
 * implementation each part is and how the parts connect. Everything is a singleton, made when
 * {@link CollectorLifecycle} first needs it (after {@link StartupChecks} has checked the settings).
 */
@Singleton
class CollectorWiring {

    @Produces
    @Singleton
    Workers workers(MeterRegistry registry) {
        return new Workers(registry, Backoff.equalJitter(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Produces
    @Singleton
    SendQueue sendQueue(CollectorConfig config) {
        return new SendQueue(config.shipping().bufferMaxBytes());
    }

    @Produces
    @Singleton
    PositionStore positions(CollectorConfig config, ObjectMapper json) {
        return new FilePositionStore(config.dataDir().resolve("positions.json"), json);
    }

    @Produces
    @Singleton
    LokiPusher pusher(LokiConfig loki, CollectorConfig config, MeterRegistry registry) {
        return new LokiPusher(LokiConnection.of(loki, config.shipping().timeout()), registry);
    }

    @Produces
    @Singleton
    Shipper shipper(SendQueue queue, LokiPusher pusher, PositionStore positions, CollectorMetrics metrics, CollectorConfig config,
                    LokiConfig loki) {
        CollectorConfig.Shipping s = config.shipping();
        return new Shipper(queue, pusher, Backoff.equalJitter(s.minBackoff(), s.maxBackoff()), positions, metrics,
                s.batchMaxBytes(), s.batchMaxWait(), loki.structuredMetadata());
    }

    @Produces
    @Singleton
    TargetPipelineFactory pipelines(CollectorConfig config, SendQueue queue, CollectorMetrics metrics) {
        PipelineSettings settings = pipelineSettings(config);
        return (id, name, labels, resumeAfter) -> new TargetPipeline(new TargetIdentity(id, name, labels), settings, queue, metrics, resumeAfter);
    }

    @Produces
    @Singleton
    LogSource source(CollectorConfig config, Vertx vertx, TargetPipelineFactory pipelines, PositionStore positions, SendQueue queue,
                     CollectorMetrics metrics, Workers workers, ObjectMapper json) {
        return switch (config.source()) {
            case "docker" -> dockerSource(config, vertx, pipelines, positions, queue, metrics, workers, json);
            case "files" -> fileSource(config, pipelines, positions, queue, metrics, workers, json);
            default -> throw new IllegalArgumentException("collector.source must be docker or files, was " + config.source());
        };
    }

    private static DockerSource dockerSource(CollectorConfig config, Vertx vertx, TargetPipelineFactory pipelines, PositionStore positions,
                                             SendQueue queue, CollectorMetrics metrics, Workers workers, ObjectMapper json) {
        CollectorConfig.Docker d = config.docker();
        ContainerFilter filter = new ContainerFilter(d.includeNames().map(Pattern::compile), d.excludeNames().map(Pattern::compile),
                d.includeLabels().orElse(List.of()), d.excludeLabels().orElse(List.of()),
                d.excludeSelf() ? Optional.ofNullable(System.getenv("HOSTNAME")) : Optional.empty());
        return new DockerSource(vertx, new DockerApi(vertx, d.host(), json), filter, pipelines, positions, queue, metrics,
                config.pipeline().maxLineBytes(), config.pipeline().joinTimeout(), d.maxReconnectDelay(), workers, json);
    }

    private static FileSource fileSource(CollectorConfig config, TargetPipelineFactory pipelines, PositionStore positions, SendQueue queue,
                                         CollectorMetrics metrics, Workers workers, ObjectMapper json) {
        CollectorConfig.Files f = config.files();
        Optional<String> api = f.kubernetesApi().or(KubernetesApi::inClusterUrl);
        PodMetadata pods = new PodMetadata(api, Optional.of(f.kubernetesTokenFile()), Optional.of(f.kubernetesCaFile()), json);
        return new FileSource(f.podsDir(), f.dockerContainersDir(), f.pollInterval(), pipelines, positions, queue, pods, metrics,
                config.pipeline().maxLineBytes(), workers, json);
    }

    static PipelineSettings pipelineSettings(CollectorConfig config) {
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
}
