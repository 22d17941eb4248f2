package io.tritonlogs.collector.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.config.LokiConfig.StructuredMetadata;
import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.positions.FilePositionStore;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.collector.testing.CountingMetrics;
import io.tritonlogs.collector.testing.TestWorkers;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipper under supervision: a throwing encoder is survived, and nothing it held is lost. */
class ShipperFailureTest {

    @TempDir
    Path dir;

    private static SendQueue queueOf(int entries) {
        SendQueue queue = new SendQueue(1 << 20);
        LabelSet labels = LabelSet.of(Map.of("container", "triton", "level", "INFO"));
        for (int i = 1; i <= entries; i++) {
            queue.offer(new OutboundEntry("c1", "triton", labels, i, "I1201 10:30:45.000001 1 a.cc:1] line " + i, List.of(),
                    new Cursor(i, 0), 40));
        }
        return queue;
    }

    private Shipper shipper(LokiPushStandIn loki, SendQueue queue, CountingMetrics metrics, Shipper.PushEncoder encoder) {
        return new Shipper(queue, new LokiPusher(LokiConnection.anonymous(loki.url(), Duration.ofSeconds(5), Duration.ofSeconds(5)), null),
                Backoff.equalJitter(Duration.ofMillis(20), Duration.ofMillis(200)), new FilePositionStore(dir.resolve("p.json"), new ObjectMapper()),
                metrics, 1 << 20, Duration.ofMillis(50), StructuredMetadata.OFF, encoder);
    }

    @Test
    void anEncoderThatThrowsTwiceIsSurvivedAndEveryEntryArrivesOnce() throws Exception {
        ProtobufPushEncoder real = new ProtobufPushEncoder();
        AtomicInteger calls = new AtomicInteger();
        Shipper.PushEncoder flaky = streams -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("encoder limit (injected)");
            }
            return real.encode(streams);
        };
        Workers workers = TestWorkers.create();
        CountingMetrics metrics = new CountingMetrics();
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            Shipper shipper = shipper(loki, queueOf(100), metrics, flaky);
            shipper.start(workers);
            try {
                Await.until(Duration.ofSeconds(30), "100 entries", () -> loki.stored(l -> true).size() >= 100);
                assertThat(loki.stored(l -> true)).hasSize(100).extracting(ReceivedEntry::timestampNanos).doesNotHaveDuplicates();
                assertThat(loki.resentDuplicates()).isZero();
                assertThat(workers.heartbeats().get("shipper").failures()).isEqualTo(2);
                assertThat(workers.heartbeats().get("shipper").lastFailure()).get().asString().contains("encoder limit");
                assertThat(metrics.entriesDropped.get()).isZero();
                assertThat(workers.problems(Duration.ofSeconds(5))).isEmpty();
            } finally {
                shipper.stop(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void anEntryThatCanNeverBeEncodedIsDroppedCountedAndTheRestArrive() throws Exception {
        ProtobufPushEncoder real = new ProtobufPushEncoder();
        Shipper.PushEncoder poisoned = streams -> {
            if (streams.stream().anyMatch(s -> s.entries().stream().anyMatch(e -> e.line().endsWith("line 42")))) {
                throw new IllegalArgumentException("an entry this encoder cannot take (injected)");
            }
            return real.encode(streams);
        };
        Workers workers = TestWorkers.create();
        CountingMetrics metrics = new CountingMetrics();
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            Shipper shipper = shipper(loki, queueOf(100), metrics, poisoned);
            shipper.start(workers);
            try {
                Await.until(Duration.ofSeconds(30), "99 entries", () -> loki.stored(l -> true).size() >= 99);
                Await.until(Duration.ofSeconds(30), "the poisoned entry counted", () -> metrics.entriesDropped.get() == 1);
                assertThat(metrics.droppedByReason).containsOnlyKeys("unencodable");
                assertThat(Await.settled(Duration.ofSeconds(10), Duration.ofMillis(500), () -> loki.stored(l -> true).size())).isEqualTo(99);
                assertThat(loki.stored(l -> true)).extracting(ReceivedEntry::line).doesNotContain("I1201 10:30:45.000001 1 a.cc:1] line 42");
            } finally {
                shipper.stop(Duration.ofSeconds(2));
            }
        }
    }
}
