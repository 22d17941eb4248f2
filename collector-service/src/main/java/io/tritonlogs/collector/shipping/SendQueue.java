package io.tritonlogs.collector.shipping;

import io.tritonlogs.collector.pipeline.EntrySink;
import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.source.FlowControl;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte-bounded buffer between the readers and the shipper. Offering never blocks and never
 * drops; instead {@link #isFull()} tells readers to pause, and {@link #whenBelowLowWatermark}
 * wakes them when the shipper has caught up. Bytes stay counted until their batch is
 * acknowledged (or finally rejected), so a Loki outage fills the buffer and pauses reading.
 * The shipper takes entries through a {@link Batcher}.
 */
public final class SendQueue implements EntrySink, FlowControl {

    private final LinkedBlockingQueue<OutboundEntry> entries = new LinkedBlockingQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;
    private final LowWatermark lowWatermark;

    public SendQueue(long maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("the send buffer needs at least 1 KiB, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.lowWatermark = new LowWatermark(maxBytes / 2);
    }

    @Override
    public void offer(OutboundEntry entry) {
        bytes.addAndGet(entry.bytes());
        entries.add(entry);
    }

    @Override
    public boolean isFull() {
        return bytes.get() >= maxBytes;
    }

    /** Runs {@code resume} once the buffer is below half full (now, if it already is). */
    @Override
    public void whenBelowLowWatermark(Runnable resume) {
        lowWatermark.await(resume, bytes.get());
    }

    /** The shipper is done with these bytes (acknowledged or finally rejected). */
    public void release(long releasedBytes) {
        lowWatermark.fellTo(bytes.addAndGet(-releasedBytes));
    }

    /** Moves up to {@code max} waiting entries to {@code into} without waiting. */
    int drainTo(Collection<OutboundEntry> into, int max) {
        return entries.drainTo(into, max);
    }

    /** The next waiting entry, waiting up to {@code timeoutNanos} for one; null when none came. */
    OutboundEntry poll(long timeoutNanos) throws InterruptedException {
        return entries.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    public long bytes() {
        return bytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Entries not yet taken by the shipper (approximate: what its batcher holds is not counted). */
    public int size() {
        return entries.size();
    }
}
