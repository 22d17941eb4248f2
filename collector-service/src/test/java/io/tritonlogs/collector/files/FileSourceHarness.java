package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig;
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
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import io.tritonlogs.support.loki.LokiConnection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A file source with the real pipeline, queue, shipper and positions file, shipping to a stand-in; restartable. */
final class FileSourceHarness implements AutoCloseable {

    final Path pods;
    final Path data;
    final Optional<Path> dockerDir;
    final LokiPushStandIn loki;
    final PodMetadata metadata;
    final CountingMetrics metrics = new CountingMetrics();
    private final ObjectMapper json = new ObjectMapper();
    private SendQueue queue;
    private Shipper shipper;
    private FileSource source;

    FileSourceHarness(Path pods, Path data, Optional<Path> dockerDir, LokiPushStandIn loki, PodMetadata metadata) {
        this.pods = pods;
        this.data = data;
        this.dockerDir = dockerDir;
        this.loki = loki;
        this.metadata = metadata;
    }

    FileSourceHarness start() {
        queue = new SendQueue(4 * 1024 * 1024);
        FilePositionStore positions = new FilePositionStore(data.resolve("positions.json"), json);
        shipper = new Shipper(queue, new LokiPusher(LokiConnection.anonymous(loki.url(), Duration.ofSeconds(5), Duration.ofSeconds(10)), null),
                Backoff.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1)), positions,
                metrics, 256 * 1024, Duration.ofMillis(100), LokiConfig.StructuredMetadata.AUTO);
        PipelineSettings settings = new PipelineSettings(new TritonLineParser(), new JoinLimits(500, 256 * 1024, Duration.ofMillis(200)),
                new ModelNameExtractor(), Redactor.withDefaults(), 200);
        source = new FileSource(pods, dockerDir, Duration.ofMillis(100),
                (id, name, labels, resume) -> new TargetPipeline(new TargetIdentity(id, name, labels), settings, queue, metrics, resume),
                positions, queue, metadata, metrics, 256 * 1024, TestWorkers.create(), json);
        shipper.start(TestWorkers.create());
        source.start();
        return this;
    }

    void stop() {
        source.stop();
        shipper.stop(Duration.ofSeconds(10));
    }

    FileSource source() {
        return source;
    }

    @Override
    public void close() {
        stop();
    }
}
