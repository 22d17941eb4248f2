package io.tritonlogs.collector.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tritonlogs.collector.docker.DockerSourceMetrics;
import io.tritonlogs.collector.docker.LogStreamDecoder;
import io.tritonlogs.collector.files.FileDefects;
import io.tritonlogs.collector.pipeline.PipelineCounters;
import io.tritonlogs.collector.shipping.ShippingMetrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The collector's Micrometer meters, all named {@code collector_*}. */
public final class CollectorMetrics implements PipelineCounters, ShippingMetrics, DockerSourceMetrics, FileDefects {

    private final MeterRegistry registry;
    // Counted per line: LongAdders read at scrape time, since incrementing a counter of Quarkus'
    // composite registry allocates an iterator per call (7 % of the collector's allocation).
    private final LongAdder linesRead;
    private final LongAdder bytesRead;
    private final LongAdder skippedOnResume;
    private final LongAdder entriesProduced;
    private final LongAdder modelLabelOmitted;
    private final LongAdder redacted;
    private final Counter entriesSent;
    private final Counter bytesSent;
    private final Timer pushLatency;
    private final Counter readerPauses;
    private final Counter readerFailures;

    public CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        linesRead = adder("collector_lines_read", "Physical log lines read");
        bytesRead = adder("collector_bytes_read", "UTF-8 bytes of log lines read");
        skippedOnResume = adder("collector_lines_skipped_on_resume",
                "Lines read again after a restart or reconnect and skipped because they were already shipped");
        entriesProduced = adder("collector_entries_produced", "Entries (joined records) made");
        modelLabelOmitted = adder("collector_model_label_omitted", "Entries shipped without model_name because the target reached its model limit");
        redacted = adder("collector_entries_redacted", "Entries in which a secret was masked");
        entriesSent = Counter.builder("collector_entries_sent").description("Entries Loki acknowledged").register(registry);
        bytesSent = Counter.builder("collector_bytes_sent").description("Bytes of lines Loki acknowledged").register(registry);
        pushLatency = Timer.builder("collector_push_latency").description("Duration of successful pushes to Loki")
                .publishPercentiles(0.5, 0.99).register(registry);
        readerFailures = Counter.builder("collector_worker_failures").tag("worker", "docker-reader")
                .description("Unexpected failures of a worker, each logged and followed by a restart of its loop").register(registry);
        readerPauses = Counter.builder("collector_reader_pauses")
                .description("Times a reader paused because the send buffer was full (backpressure)").register(registry);
        dropped("none", 0);
    }

    /**
     * A counter read from a LongAdder. A registry kept across a restart of the application in one
     * JVM (tests, dev mode) would hand back the earlier meter, bound to the earlier adder: drop it first.
     */
    private LongAdder adder(String name, String description) {
        registry.find(name).meters().forEach(registry::remove);
        LongAdder adder = new LongAdder();
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
        return adder;
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void lineRead(int bytes) {
        linesRead.increment();
        bytesRead.add(bytes);
    }

    @Override
    public void skippedOnResume() {
        skippedOnResume.increment();
    }

    @Override
    public void entryProduced() {
        entriesProduced.increment();
    }

    @Override
    public void modelLabelOmitted() {
        modelLabelOmitted.increment();
    }

    @Override
    public void redacted() {
        redacted.increment();
    }

    @Override
    public void pushed(int entries, long bytes, Duration latency) {
        entriesSent.increment(entries);
        bytesSent.increment(bytes);
        pushLatency.record(latency);
    }

    @Override
    public void retried(String cause) {
        String kind = cause.startsWith("HTTP 429") ? "http_429" : cause.startsWith("HTTP 5") ? "http_5xx" : "connection";
        registry.counter("collector_push_retries", "cause", kind).increment();
    }

    @Override
    public void dropped(String reason, int entries) {
        registry.counter("collector_entries_dropped", "reason", reason).increment(entries);
    }

    @Override
    public void lineRepaired(LogStreamDecoder.LineDefects defects) {
        if (defects.truncated()) {
            registry.counter("collector_lines_truncated").increment();
            registry.counter("collector_bytes_dropped", "reason", "line_too_long").increment(defects.truncatedBytes());
        }
        if (defects.invalidUtf8()) {
            registry.counter("collector_lines_invalid_utf8").increment();
        }
        if (defects.missingTimestamp()) {
            registry.counter("collector_lines_without_timestamp").increment();
        }
    }

    @Override
    public void readerPaused() {
        readerPauses.increment();
    }

    @Override
    public void readerFailed(Throwable cause) {
        readerFailures.increment();
    }

    @Override
    public void malformedLine(Path file) {
        registry.counter("collector_lines_malformed").increment();
    }

    @Override
    public void invalidUtf8(Path file) {
        registry.counter("collector_lines_invalid_utf8").increment();
    }

    @Override
    public void longLineCut(long droppedBytes) {
        registry.counter("collector_lines_truncated").increment();
        registry.counter("collector_bytes_dropped", "reason", "line_too_long").increment(droppedBytes);
    }

    @Override
    public void truncatedFile(Path file) {
        registry.counter("collector_files_truncated").increment();
    }
}
