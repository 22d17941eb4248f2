package io.tritonlogs.collector.shipping;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The readers paused on a full buffer, and when to wake them: once the buffered bytes fall below
 * the low watermark, not as soon as there is any room, so readers and shipper do not take turns
 * entry by entry. Thread-safe.
 */
final class LowWatermark {

    private final long threshold;
    private final List<Runnable> waiting = new CopyOnWriteArrayList<>();

    LowWatermark(long threshold) {
        this.threshold = threshold;
    }

    /** Runs {@code resume} once the bytes fall below the watermark (now, if {@code currentBytes} already are). */
    void await(Runnable resume, long currentBytes) {
        waiting.add(resume);
        if (currentBytes < threshold) {
            wakeWaiting();
        }
    }

    /** The buffer now holds {@code currentBytes}: wakes the waiting readers if that is below the watermark. */
    void fellTo(long currentBytes) {
        if (currentBytes < threshold && !waiting.isEmpty()) {
            wakeWaiting();
        }
    }

    private void wakeWaiting() {
        List<Runnable> toRun = new ArrayList<>(waiting);
        waiting.removeAll(toRun);
        toRun.forEach(Runnable::run);
    }
}
