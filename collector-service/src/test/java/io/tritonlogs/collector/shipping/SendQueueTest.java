package io.tritonlogs.collector.shipping;

import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.common.loki.LabelSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SendQueueTest {

    private static OutboundEntry entry(int bytes) {
        return new OutboundEntry("c", "c", LabelSet.of(Map.of("container", "c")), 1, "x".repeat(bytes), List.of(), Cursor.START, bytes);
    }

    @Test
    void fillsPausesAndWakesReadersOnlyBelowHalfAfterRelease() throws Exception {
        SendQueue queue = new SendQueue(4096);
        Batcher batcher = new Batcher(queue);
        for (int i = 0; i < 5; i++) {
            queue.offer(entry(1000));
        }
        assertThat(queue.isFull()).isTrue();
        AtomicInteger woken = new AtomicInteger();
        queue.whenBelowLowWatermark(woken::incrementAndGet);
        List<OutboundEntry> batch = batcher.takeBatch(3000, 1_000_000);
        assertThat(batch).hasSize(3);
        assertThat(woken).as("taking is not acknowledging: bytes stay counted").hasValue(0);
        queue.release(3000);
        assertThat(woken).hasValue(1);
        assertThat(queue.bytes()).isEqualTo(2000);
        assertThat(batcher.takeBatch(3000, 1_000_000)).hasSize(2);
        assertThat(batcher.takeBatch(3000, 1_000_000)).isEmpty();
    }
}
