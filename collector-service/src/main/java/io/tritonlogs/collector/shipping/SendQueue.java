package io.tritonlogs.collector.shipping;

import io.tritonlogs.collector.pipeline.EntrySink;
import io.tritonlogs.collector.pipeline.OutboundEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte-bounded buffer between the readers and the shipper. Offering never blocks and never
 * drops; instead {@link #isFull()} tells readers to pause, and {@link #whenBelowLowWatermark}
 * wakes them when the shipper has caught up. Bytes stay counted until their batch is
 * acknowledged (or finally rejected), so a Loki outage fills the buffer and pauses reading.
 */
public final class SendQueue implements EntrySink {

    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final LinkedBlockingQueue<OutboundEntry> entries = new LinkedBlockingQueue<>();
    /** Entries the shipper has moved out of {@link #entries} but not yet put in a batch (shipper thread only). */
    private final ArrayDeque<OutboundEntry> local = new ArrayDeque<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;
    private final long lowWatermark;
    private final List<Runnable> waiting = new CopyOnWriteArrayList<>();

    public SendQueue(long maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("the send buffer needs at least 1 KiB, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.lowWatermark = maxBytes / 2;
    }

    @Override
    public void offer(OutboundEntry entry) {
        bytes.addAndGet(entry.bytes());
        entries.add(entry);
    }

    public boolean isFull() {
        return bytes.get() >= maxBytes;
    }

    /** Runs {@code resume} once the buffer is below half full (now, if it already is). */
    public void whenBelowLowWatermark(Runnable resume) {
        waiting.add(resume);
        if (bytes.get() < lowWatermark) {
            wakeWaiting();
        }
    }

    /**
     * Takes a batch: waits up to {@code maxWait} for the first entry, then up to {@code maxWait}
     * after it for more (looking every 5 ms), until {@code maxBatchBytes}. Empty when nothing
     * came. Only the shipper thread calls this; entries are moved out of the shared queue in bulk,
     * so readers and the shipper rarely contend for its lock.
     */
    public List<OutboundEntry> takeBatch(int maxBatchBytes, long maxWaitNanos) throws InterruptedException {
        List<OutboundEntry> batch = new ArrayList<>();
        long batchBytes = 0;
        long deadline = 0;
        while (batchBytes < maxBatchBytes) {
            if (local.isEmpty()) {
                entries.drainTo(local, 4096);
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
                next = entries.poll(left, TimeUnit.NANOSECONDS);
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

    /** The shipper is done with these bytes (acknowledged or finally rejected). */
    public void release(long releasedBytes) {
        long now = bytes.addAndGet(-releasedBytes);
        if (now < lowWatermark && !waiting.isEmpty()) {
            wakeWaiting();
        }
    }

    private void wakeWaiting() {
        List<Runnable> toRun = new ArrayList<>(waiting);
        waiting.removeAll(toRun);
        toRun.forEach(Runnable::run);
    }

    public long bytes() {
        return bytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Entries not yet taken by the shipper (approximate: the shipper's local part is not counted). */
    public int size() {
        return entries.size();
    }
}
