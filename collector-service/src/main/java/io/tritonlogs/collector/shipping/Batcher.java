package io.tritonlogs.collector.shipping;

import io.tritonlogs.collector.pipeline.OutboundEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the {@link SendQueue}'s entries into batches for the shipper. Entries are moved out of the
 * shared queue in bulk, so readers and the shipper rarely contend for its lock. Taking is not
 * acknowledging: the bytes stay counted in the queue until the shipper releases them. Used by the
 * shipper thread only.
 */
final class Batcher {

    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int DRAIN_AT_ONCE = 4096;

    private final SendQueue queue;
    /** Entries moved out of the queue but not yet put in a batch. */
    private final ArrayDeque<OutboundEntry> local = new ArrayDeque<>();

    Batcher(SendQueue queue) {
        this.queue = queue;
    }

    /**
     * Takes a batch: waits up to {@code maxWaitNanos} for the first entry, then up to
     * {@code maxWaitNanos} after it for more (looking every 5 ms), until {@code maxBatchBytes}.
     * Empty when nothing came.
     */
    List<OutboundEntry> takeBatch(int maxBatchBytes, long maxWaitNanos) throws InterruptedException {
        List<OutboundEntry> batch = new ArrayList<>();
        long batchBytes = 0;
        long deadline = 0;
        while (batchBytes < maxBatchBytes) {
            if (local.isEmpty()) {
                queue.drainTo(local, DRAIN_AT_ONCE);
            }
            OutboundEntry next = local.poll();
            if (next == null) {
                long left = batch.isEmpty() ? maxWaitNanos : deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                if (!batch.isEmpty()) {
                    // A batch is open and waits for its deadline or its size anyway: let entries
                    // gather rather than wake for each one. Waiting in poll() here cost a thread
                    // wake-up per entry whenever the readers were slower than the shipper.
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, GATHER_NANOS));
                    continue;
                }
                next = queue.poll(left);
                if (next == null) {
                    break;
                }
            }
            if (batch.isEmpty()) {
                deadline = System.nanoTime() + maxWaitNanos;
            }
            batch.add(next);
            batchBytes += next.bytes();
        }
        return batch;
    }
}
