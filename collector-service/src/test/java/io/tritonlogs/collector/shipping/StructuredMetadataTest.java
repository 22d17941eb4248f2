package io.tritonlogs.collector.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig.StructuredMetadata;
import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.testing.CountingMetrics;
import io.tritonlogs.collector.testing.TestWorkers;
import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry;
import io.tritonlogs.support.loki.LokiConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured metadata reaches a Loki 3 that takes it, and nothing is lost where it cannot: a Loki
 * before 3.0 (its buildinfo says so) gets none, a Loki 3 with {@code allow_structured_metadata: false}
 * refuses the first push and gets the same batch again without it. The real Loki 3.4.2 side is
 * {@code RealLokiCollectorTests}.
 */
class StructuredMetadataTest {

    private static final int ENTRIES = 20;

    @TempDir
    Path dir;

    @Test
    void aLoki3GetsTheMetadata() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            loki.reportVersion("3.4.2");
            List<ReceivedEntry> stored = ship(loki, StructuredMetadata.AUTO, new CountingMetrics());
            assertThat(stored).hasSize(ENTRIES).allSatisfy(e -> assertThat(e.structuredMetadata())
                    .containsEntry("pid", "1").containsEntry("request_id", Long.toString(e.timestampNanos())));
        }
    }

    @Test
    void aLokiThatDoesNotSayItsVersionGetsTheMetadataToo() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            List<ReceivedEntry> stored = ship(loki, StructuredMetadata.AUTO, new CountingMetrics());
            assertThat(stored).hasSize(ENTRIES).allSatisfy(e -> assertThat(e.structuredMetadata()).containsKey("request_id"));
        }
    }

    @Test
    void aLoki2GetsNone() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            loki.reportVersion("2.9.4");
            List<ReceivedEntry> stored = ship(loki, StructuredMetadata.AUTO, new CountingMetrics());
            assertThat(stored).hasSize(ENTRIES).allSatisfy(e -> assertThat(e.structuredMetadata()).isEmpty());
        }
    }

    @Test
    void aLokiThatRefusesItGetsTheSameEntriesWithoutItAndNothingIsDropped() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            loki.reportVersion("3.4.2");
            loki.disallowStructuredMetadata();
            CountingMetrics metrics = new CountingMetrics();
            List<ReceivedEntry> stored = ship(loki, StructuredMetadata.AUTO, metrics);
            assertThat(loki.failedPushes()).as("the first push, refused for its metadata").isEqualTo(1);
            assertThat(stored).hasSize(ENTRIES).allSatisfy(e -> assertThat(e.structuredMetadata()).isEmpty());
            assertThat(metrics.entriesDropped.get()).isZero();
        }
    }

    @Test
    void offSendsNoneAndOnInsistsEvenWhereItIsRefused() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            loki.reportVersion("3.4.2");
            assertThat(ship(loki, StructuredMetadata.OFF, new CountingMetrics())).allSatisfy(e -> assertThat(e.structuredMetadata()).isEmpty());
        }
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            loki.reportVersion("2.9.4");
            loki.disallowStructuredMetadata();
            CountingMetrics metrics = new CountingMetrics();
            Shipper shipper = shipper(loki, StructuredMetadata.ON, metrics, queue());
            try {
                Await.until(Duration.ofSeconds(30), "the refused entries counted", () -> metrics.entriesDropped.get() == ENTRIES);
                assertThat(metrics.droppedByReason).containsOnlyKeys("http_400");
                assertThat(loki.stored()).isEmpty();
            } finally {
                shipper.stop(Duration.ofSeconds(2));
            }
        }
    }

    private List<ReceivedEntry> ship(LokiPushStandIn loki, StructuredMetadata mode, CountingMetrics metrics) throws Exception {
        Shipper shipper = shipper(loki, mode, metrics, queue());
        try {
            Await.until(Duration.ofSeconds(30), ENTRIES + " entries stored", () -> loki.stored(l -> true).size() == ENTRIES);
            return loki.stored(l -> true);
        } finally {
            shipper.stop(Duration.ofSeconds(2));
        }
    }

    private SendQueue queue() {
        SendQueue queue = new SendQueue(1 << 20);
        LabelSet labels = LabelSet.of(Map.of("container", "triton", "level", "ERROR"));
        for (int i = 1; i <= ENTRIES; i++) {
            queue.offer(new OutboundEntry("c1", "triton", labels, i, "E1201 10:30:45.000001 1 a.cc:1] line " + i,
                    List.of(new Label("pid", "1"), new Label("request_id", Integer.toString(i))), new Cursor(i, 0), 40));
        }
        return queue;
    }

    private Shipper shipper(LokiPushStandIn loki, StructuredMetadata mode, CountingMetrics metrics, SendQueue queue) {
        Shipper shipper = new Shipper(queue, new LokiPusher(LokiConnection.anonymous(loki.url(), Duration.ofSeconds(5), Duration.ofSeconds(5)), null),
                Backoff.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1)),
                new FilePositionStore(dir.resolve(mode + "-positions.json"), new ObjectMapper()), metrics, 1 << 20, Duration.ofMillis(50), mode);
        shipper.start(TestWorkers.create());
        return shipper;
    }
}
