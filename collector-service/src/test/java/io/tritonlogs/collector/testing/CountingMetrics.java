package io.tritonlogs.collector.testing;

import io.tritonlogs.collector.docker.DockerSourceMetrics;
import io.tritonlogs.collector.docker.LogStreamDecoder;
import io.tritonlogs.collector.files.FileDefects;
import io.tritonlogs.collector.pipeline.PipelineCounters;
import io.tritonlogs.collector.shipping.ShippingMetrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Plain counters behind every metrics interface of the collector, for tests and harnesses. */
public final class CountingMetrics implements PipelineCounters, ShippingMetrics, DockerSourceMetrics, FileDefects {

    public final AtomicLong linesRead = new AtomicLong();
    public final AtomicLong entriesProduced = new AtomicLong();
    public final AtomicLong entriesAcknowledged = new AtomicLong();
    public final AtomicLong entriesDropped = new AtomicLong();
    public final java.util.Map<String, AtomicLong> droppedByReason = new java.util.concurrent.ConcurrentHashMap<>();
    public final AtomicLong retries = new AtomicLong();
    public final AtomicLong truncatedFiles = new AtomicLong();
    public final AtomicLong malformedLines = new AtomicLong();
    public final AtomicLong readerFailures = new AtomicLong();
    public final AtomicLong invalidUtf8Lines = new AtomicLong();
    public final Queue<Path> truncatedPaths = new ConcurrentLinkedQueue<>();

    /** Every line read has been made into entries and every entry was acknowledged. */
    public boolean drained(long lines) {
        return linesRead.get() >= lines && entriesAcknowledged.get() >= entriesProduced.get();
    }

    public void reset() {
        linesRead.set(0);
        entriesProduced.set(0);
        entriesAcknowledged.set(0);
    }

    @Override
    public void lineRead(int bytes) {
        linesRead.incrementAndGet();
    }

    @Override
    public void skippedOnResume() {
    }

    @Override
    public void entryProduced() {
        entriesProduced.incrementAndGet();
    }

    @Override
    public void modelLabelOmitted() {
    }

    @Override
    public void redacted() {
    }

    @Override
    public void pushed(int entries, long bytes, Duration latency) {
        entriesAcknowledged.addAndGet(entries);
    }

    @Override
    public void retried(String cause) {
        retries.incrementAndGet();
    }

    @Override
    public void dropped(String reason, int entries) {
        entriesDropped.addAndGet(entries);
        droppedByReason.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(entries);
        System.err.println("dropped " + entries + " entries: " + reason);
    }

    @Override
    public void lineRepaired(LogStreamDecoder.LineDefects defects) {
    }

    @Override
    public void readerPaused() {
    }

    @Override
    public void readerFailed(Throwable cause) {
        readerFailures.incrementAndGet();
    }

    @Override
    public void malformedLine(Path file) {
        malformedLines.incrementAndGet();
    }

    @Override
    public void invalidUtf8(Path file) {
        invalidUtf8Lines.incrementAndGet();
    }

    @Override
    public void longLineCut(long droppedBytes) {
    }

    @Override
    public void truncatedFile(Path file) {
        truncatedFiles.incrementAndGet();
        truncatedPaths.add(file);
    }
}
