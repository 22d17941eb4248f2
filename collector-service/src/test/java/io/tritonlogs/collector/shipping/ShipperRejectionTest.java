package io.tritonlogs.collector.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig;
import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.testing.CountingMetrics;
import io.tritonlogs.collector.testing.TestWorkers;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.support.loki.LokiConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A push Loki refuses with a 4xx other than 429 is not retried: counted per reason, and the positions move on. */
class ShipperRejectionTest {

    @TempDir
    Path dir;

    @Test
    void aRejectedPushIsCountedPerReasonNotRetriedAndDoesNotHoldUpThePositions() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            loki.failWith(400, null);
            CountingMetrics metrics = new CountingMetrics();
            SendQueue queue = new SendQueue(1 << 20);
            FilePositionStore positions = new FilePositionStore(dir.resolve("positions.json"), new ObjectMapper());
            Shipper shipper = new Shipper(queue, new LokiPusher(LokiConnection.anonymous(loki.url(), Duration.ofSeconds(5), Duration.ofSeconds(5)), null),
                    Backoff.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1)), positions, metrics,
                    1 << 20, Duration.ofMillis(50), LokiConfig.StructuredMetadata.AUTO);
            shipper.start(TestWorkers.create());
            try {
                LabelSet a = LabelSet.of(Map.of("container", "a", "level", "INFO"));
                LabelSet b = LabelSet.of(Map.of("container", "a", "level", "ERROR"));
                for (int i = 1; i <= 10; i++) {
                    queue.offer(new OutboundEntry("c1", "a", i % 2 == 0 ? a : b, i, "line " + i, List.of(), new Cursor(i, 0), 6));
                }
                Await.until(Duration.ofSeconds(30), "10 entries dropped", () -> metrics.entriesDropped.get() == 10);
                Await.until(Duration.ofSeconds(30), "the position past the dropped entries", () -> positions.get("c1").isPresent()
                        && positions.get("c1").get().equals(new Cursor(10, 0)));
                int refused = loki.failedPushes();
                Thread.sleep(300); // six backoff periods: a retry would show up as another refused push
                assertThat(loki.failedPushes()).as("a 400 is not retried").isEqualTo(refused);
                assertThat(metrics.droppedByReason).containsOnlyKeys("http_400");
                assertThat(metrics.retries.get()).isZero();
                assertThat(queue.bytes()).isZero();
                assertThat(loki.stored()).isEmpty();
            } finally {
                shipper.stop(Duration.ofSeconds(2));
            }
        }
    }
}
