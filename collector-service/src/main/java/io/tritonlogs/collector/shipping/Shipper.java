package io.tritonlogs.collector.shipping;

import io.quarkus.logging.Log;
import io.tritonlogs.collector.config.LokiConfig.StructuredMetadata;
import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one thread that sends: takes batches from the {@link SendQueue}, encodes them once, pushes
 * until Loki accepts (retrying connection errors, timeouts, 429 and 5xx with backoff, forever:
 * meanwhile the full buffer pauses the readers), then persists the targets' positions and frees
 * the buffer. One thread keeps every stream's entries in order.
 */
public final class Shipper implements Runnable {

    private static final int MAX_REMEMBERED_REJECTIONS = 10_000;

    private final SendQueue queue;
    private final LokiPusher pusher;
    private final Backoff backoff;
    private final PositionStore positions;
    private final ShippingMetrics metrics;
    private final int batchMaxBytes;
    private final long batchMaxWaitNanos;
    private final StructuredMetadataSwitch structuredMetadata;
    private final ProtobufPushEncoder encoder = new ProtobufPushEncoder();
    private final Set<String> loggedRejections = new HashSet<>();
    private final Thread thread;

    private volatile boolean running = true;
    private volatile String lastError;
    private volatile boolean lastAttemptFailed;

    public Shipper(SendQueue queue, LokiPusher pusher, Backoff backoff, PositionStore positions, ShippingMetrics metrics,
                   int batchMaxBytes, Duration batchMaxWait, StructuredMetadata structuredMetadata) {
        this.structuredMetadata = new StructuredMetadataSwitch(structuredMetadata);
        this.queue = queue;
        this.pusher = pusher;
        this.backoff = backoff;
        this.positions = positions;
        this.metrics = metrics;
        this.batchMaxBytes = batchMaxBytes;
        this.batchMaxWaitNanos = batchMaxWait.toNanos();
        this.thread = new Thread(this, "loki-shipper");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops after the batch in hand; waits up to {@code grace} for the queue to drain first. */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (queue.bytes() > 0 && !lastAttemptFailed && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(grace.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        positions.save();
    }

    @Override
    public void run() {
        while (running) {
            List<OutboundEntry> batch;
            try {
                batch = queue.takeBatch(batchMaxBytes, batchMaxWaitNanos);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                continue;
            }
            if (!batch.isEmpty()) {
                send(batch);
            }
        }
    }

    private void send(List<OutboundEntry> batch) {
        byte[] body = encode(batch);
        long batchBytes = 0;
        for (OutboundEntry entry : batch) {
            batchBytes += entry.bytes();
        }
        for (int attempt = 0; ; attempt++) {
            long start = System.nanoTime();
            PushOutcome outcome = pusher.push(body);
            if (outcome instanceof PushOutcome.Accepted) {
                lastAttemptFailed = false;
                lastError = null;
                metrics.pushed(batch.size(), batchBytes, Duration.ofNanos(System.nanoTime() - start));
                break;
            }
            if (outcome instanceof PushOutcome.Rejected rejected && structuredMetadata.turnedOffBy(rejected)) {
                body = encode(batch);
                continue;
            }
            if (outcome instanceof PushOutcome.Rejected rejected) {
                lastAttemptFailed = false;
                lastError = "HTTP " + rejected.status() + ": " + rejected.reason();
                reportRejection(batch, rejected);
                break;
            }
            PushOutcome.Retry retry = (PushOutcome.Retry) outcome;
            lastAttemptFailed = true;
            lastError = retry.cause();
            metrics.retried(retry.cause());
            Duration delay = backoff.delay(attempt, retry.retryAfter());
            if (attempt == 0 || attempt % 10 == 0) {
                Log.warnf("push of %d entries to %s failed (%s); retrying in %d ms (attempt %d), reading is paused while the buffer is full",
                        batch.size(), pusher.pushUri(), retry.cause(), delay.toMillis(), attempt + 1);
            }
            if (!running || (!sleep(delay) && !running)) {
                return; // stopping: positions were not advanced, so the batch is read again after restart
            }
        }
        acknowledge(batch, batchBytes);
    }

    private byte[] encode(List<OutboundEntry> batch) {
        ByteBuffer encoded = encoder.encode(toStreams(batch, structuredMetadata.send(pusher)));
        byte[] body = new byte[encoded.remaining()];
        encoded.get(body);
        return body;
    }

    private void acknowledge(List<OutboundEntry> batch, long batchBytes) {
        Map<String, OutboundEntry> lastPerTarget = new LinkedHashMap<>();
        OutboundEntry previous = null;
        for (OutboundEntry entry : batch) {
            if (previous != null && !previous.targetId().equals(entry.targetId())) {
                lastPerTarget.put(previous.targetId(), previous);
            }
            previous = entry;
        }
        if (previous != null) {
            lastPerTarget.put(previous.targetId(), previous);
        }
        lastPerTarget.values().forEach(e -> positions.advance(e.targetId(), e.targetName(), e.safeCursor()));
        try {
            positions.save();
        } catch (RuntimeException e) {
            Log.errorf("%s; positions stay in memory and are saved with the next batch", e.getMessage());
        }
        queue.release(batchBytes);
    }

    private void reportRejection(List<OutboundEntry> batch, PushOutcome.Rejected rejected) {
        String reason = "http_" + rejected.status();
        metrics.dropped(reason, batch.size());
        Set<LabelSet> streams = new HashSet<>();
        batch.forEach(e -> streams.add(e.labels()));
        for (LabelSet stream : streams) {
            // Per stream and status, not per message: Loki's messages name entries and timestamps.
            String key = stream.render() + '\u0000' + rejected.status();
            if (loggedRejections.size() < MAX_REMEMBERED_REJECTIONS && loggedRejections.add(key)) {
                Log.errorf("Loki rejected entries of stream %s with HTTP %d: %s (not retried; counted in collector_entries_dropped_total{reason=\"%s\"})",
                        stream.render(), rejected.status(), rejected.reason(), reason);
            }
        }
    }

    /**
     * Groups a batch by stream, keeping each stream's entries in queue order. Pipelines reuse one
     * LabelSet instance per stream, so most lookups are by identity; only a new instance is
     * compared by value (two files of one container, before and after a rotation, share a stream).
     */
    private static List<PushStream> toStreams(List<OutboundEntry> batch, boolean withStructuredMetadata) {
        Map<LabelSet, List<PushEntry>> byInstance = new IdentityHashMap<>();
        Map<LabelSet, List<PushEntry>> byValue = new LinkedHashMap<>();
        for (OutboundEntry entry : batch) {
            List<PushEntry> entries = byInstance.get(entry.labels());
            if (entries == null) {
                entries = byValue.computeIfAbsent(entry.labels(), k -> new ArrayList<>());
                byInstance.put(entry.labels(), entries);
            }
            entries.add(new PushEntry(entry.timestampNanos(), entry.line(),
                    withStructuredMetadata ? entry.structuredMetadata() : List.of()));
        }
        List<PushStream> streams = new ArrayList<>(byValue.size());
        byValue.forEach((labels, entries) -> streams.add(new PushStream(labels, entries)));
        return streams;
    }

    /** Sleeps; false when interrupted. */
    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    public String lastError() {
        return lastError;
    }

    public boolean lastAttemptFailed() {
        return lastAttemptFailed;
    }

}
