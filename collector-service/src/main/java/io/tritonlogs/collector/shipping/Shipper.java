package io.tritonlogs.collector.shipping;

import io.quarkus.logging.Log;
import io.tritonlogs.collector.config.LokiConfig.StructuredMetadata;
import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.collector.supervision.Heartbeat;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.retry.Backoff;

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
 * The one thread that sends: takes batches from the {@link SendQueue} through a {@link Batcher},
 * encodes them once, pushes until Loki accepts (retrying connection errors, timeouts, 429 and 5xx
 * with backoff, forever: meanwhile the full buffer pauses the readers), then persists the targets'
 * positions and frees the buffer. One thread keeps every stream's entries in order. It runs supervised
 * ({@link Workers}): a surprise (an encoder limit, a bad header) is logged, counted, and the same
 * batch is tried again after a backoff; a batch that keeps failing is sent an entry at a time, and
 * only an entry that cannot be encoded at all is dropped, counted as {@code unencodable}.
 */
public final class Shipper {

    /** Turns a batch's streams into a push body; the default is Loki's protobuf with snappy. */
    @FunctionalInterface
    public interface PushEncoder {
        ByteBuffer encode(List<PushStream> streams);
    }

    private static final int MAX_REMEMBERED_REJECTIONS = 10_000;
    private static final int FAILURES_BEFORE_ONE_AT_A_TIME = 3;

    private final SendQueue queue;
    private final Batcher batcher;
    private final LokiPusher pusher;
    private final Backoff backoff;
    private final PositionStore positions;
    private final ShippingMetrics metrics;
    private final int batchMaxBytes;
    private final long batchMaxWaitNanos;
    private final StructuredMetadataSwitch structuredMetadata;
    private final PushEncoder encoder;
    private final Set<String> loggedRejections = new HashSet<>();
    private Thread thread;
    private Heartbeat heartbeat;
    /** A batch taken from the queue and not yet settled: kept across a failed pass, so nothing is lost. */
    private List<OutboundEntry> inHand;
    private int passesFailedWithBatch;

    private volatile boolean running = true;
    private volatile String lastError;
    private volatile boolean lastAttemptFailed;

    public Shipper(SendQueue queue, LokiPusher pusher, Backoff backoff, PositionStore positions, ShippingMetrics metrics,
                   int batchMaxBytes, Duration batchMaxWait, StructuredMetadata structuredMetadata) {
        this(queue, pusher, backoff, positions, metrics, batchMaxBytes, batchMaxWait, structuredMetadata, new ProtobufPushEncoder()::encode);
    }

    public Shipper(SendQueue queue, LokiPusher pusher, Backoff backoff, PositionStore positions, ShippingMetrics metrics,
                   int batchMaxBytes, Duration batchMaxWait, StructuredMetadata structuredMetadata, PushEncoder encoder) {
        this.structuredMetadata = new StructuredMetadataSwitch(structuredMetadata);
        this.queue = queue;
        this.batcher = new Batcher(queue);
        this.pusher = pusher;
        this.backoff = backoff;
        this.positions = positions;
        this.metrics = metrics;
        this.batchMaxBytes = batchMaxBytes;
        this.batchMaxWaitNanos = batchMaxWait.toNanos();
        this.encoder = encoder;
    }

    /** Starts the shipping thread under {@code workers}' supervision; its liveness waits on a non-empty buffer. */
    public void start(Workers workers) {
        thread = workers.runSupervised("shipper", () -> queue.bytes() > 0, this::pass);
    }

    /** Stops after the batch in hand; waits up to {@code grace} for the queue to drain first. */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (queue.bytes() > 0 && !lastAttemptFailed && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(grace.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        positions.save();
    }

    /** One batch: taken (or the one still in hand after a failure), pushed until settled. False once stopped. */
    private boolean pass(Heartbeat heartbeat) throws InterruptedException {
        this.heartbeat = heartbeat;
        if (!running) {
            return false;
        }
        if (inHand == null) {
            inHand = batcher.takeBatch(batchMaxBytes, batchMaxWaitNanos);
            passesFailedWithBatch = 0;
        }
        if (inHand.isEmpty()) {
            inHand = null;
            return running;
        }
        passesFailedWithBatch++;
        if (passesFailedWithBatch > FAILURES_BEFORE_ONE_AT_A_TIME) {
            sendOneAtATime(inHand);
        } else {
            send(inHand);
        }
        inHand = null;
        return running;
    }

    /** A batch that failed again and again: each entry on its own, dropping (counted) only one that cannot be encoded. */
    private void sendOneAtATime(List<OutboundEntry> batch) {
        Log.warnf("a batch of %d entries failed %d times in a row: sending it one entry at a time", batch.size(), FAILURES_BEFORE_ONE_AT_A_TIME);
        for (OutboundEntry entry : batch) {
            List<OutboundEntry> single = List.of(entry);
            try {
                encode(single);
            } catch (RuntimeException e) {
                metrics.dropped("unencodable", 1);
                Log.errorf(e, "an entry of %s cannot be encoded and is dropped (counted in collector_entries_dropped_total{reason=\"unencodable\"})",
                        entry.targetName());
                acknowledge(single, entry.bytes());
                continue;
            }
            send(single);
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
            heartbeat.beat(); // an attempt, answered or failed in time: alive, even while Loki is down
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
            Duration delay = backoff.delay(attempt + 1, retry.retryAfter());
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
