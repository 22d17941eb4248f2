package io.tritonlogs.collector.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig;
import io.tritonlogs.collector.pipeline.PipelineSettings;
import io.tritonlogs.collector.pipeline.TargetIdentity;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.shipping.LokiPusher;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.Shipper;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.collector.testing.CountingMetrics;
import io.tritonlogs.collector.testing.TestWorkers;
import io.tritonlogs.collector.testing.UnixSocketForwarder;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import io.tritonlogs.support.loki.LokiConnection;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dockerd that accepts connections and never answers (through a loopback port that holds them
 * silent) stalls nothing: every call times out, discovery keeps trying and says why, and once
 * Docker answers again the container's lines all arrive.
 */
class DockerStallTest {

    @TempDir
    Path tmp;

    @Test
    void aDockerThatNeverAnswersIsRetriedAndNothingIsLostOnceItAnswers() throws Exception {
        String name = "tlt-stall-" + UUID.randomUUID().toString().substring(0, 8);
        Vertx vertx = Vertx.vertx();
        Workers workers = TestWorkers.create();
        CountingMetrics metrics = new CountingMetrics();
        SendQueue queue = new SendQueue(4 * 1024 * 1024);
        FilePositionStore positions = new FilePositionStore(tmp.resolve("positions.json"), new ObjectMapper());
        try (UnixSocketForwarder docker = new UnixSocketForwarder(Path.of("/var/run/docker.sock"));
             LokiPushStandIn loki = new LokiPushStandIn()) {
            Shipper shipper = new Shipper(queue, new LokiPusher(LokiConnection.anonymous(loki.url(), Duration.ofSeconds(5), Duration.ofSeconds(5)), null),
                    Backoff.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1)), positions, metrics,
                    256 * 1024, Duration.ofMillis(100), LokiConfig.StructuredMetadata.AUTO);
            shipper.start(workers);
            PipelineSettings settings = new PipelineSettings(new TritonLineParser(), new JoinLimits(500, 256 * 1024, Duration.ofMillis(200)),
                    new ModelNameExtractor(), Redactor.withDefaults(), 200);
            docker.silent(true);
            Busybox.start(name, false, "i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo \"I1201 10:30:45.000000 1 a.cc:1] line $i\"; done; sleep 120");
            DockerSource source = new DockerSource(vertx, new DockerApi(vertx, "tcp://127.0.0.1:" + docker.port(), new ObjectMapper()),
                    new ContainerFilter(Optional.of(Pattern.compile("^" + name + "$")), Optional.empty(), List.of(), List.of(), Optional.empty()),
                    (id, n, labels, resume) -> new TargetPipeline(new TargetIdentity(id, n, labels), settings, queue, metrics, resume),
                    positions, queue, metrics, 256 * 1024, Duration.ofMillis(100), Duration.ofSeconds(2), workers, new ObjectMapper());
            source.start();
            try {
                Await.until(Duration.ofSeconds(30), "the silent Docker's call timed out", () -> source.lastError().map(e -> e.contains("did not answer")
                        || e.toLowerCase().contains("timeout") || e.toLowerCase().contains("timed out")).orElse(false));
                assertThat(source.healthy()).isFalse();
                assertThat(workers.problems(Duration.ofSeconds(15))).as("discovery is trying, not stalled").isEmpty();

                docker.silent(false);
                Await.until(Duration.ofSeconds(60), "100 lines once Docker answers", () -> loki.stored(l -> l.contains(name)).size() >= 100);
                assertThat(Await.settled(Duration.ofSeconds(30), Duration.ofSeconds(1), () -> loki.stored(l -> l.contains(name)).size())).isEqualTo(100);
                assertThat(source.healthy()).isTrue();
            } finally {
                source.stop();
                shipper.stop(Duration.ofSeconds(2));
            }
        } finally {
            Busybox.remove(name);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
