package io.tritonlogs.collector.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.tritonlogs.collector.docker.DockerSourceMetrics;
import io.tritonlogs.collector.docker.LogStreamDecoder;
import io.tritonlogs.collector.files.FileDefects;
import io.tritonlogs.collector.pipeline.PipelineCounters;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.ShippingMetrics;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.supervision.Workers;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collector's Micrometer meters, all named {@code collector_*} and all registered when the
 * collector starts, so every series a dashboard or alert reads exists (at 0) before the first event.
 * Names follow Prometheus' conventions as exported on {@code /q/metrics}: Micrometer appends
 * {@code _total} to counters and the base unit ({@code _seconds}, {@code _bytes}) where missing, so
 * the names below are the exported ones without the {@code _total}. docs/metrics.md lists them all.
 */
@Singleton
public final class CollectorMetrics implements PipelineCounters, ShippingMetrics, DockerSourceMetrics, FileDefects {

    /** Upper bounds of the push latency histogram's buckets (besides +Inf): 5 ms to 30 s. */
    static final Duration[] PUSH_LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

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
    private final Counter retriedHttp429;
    private final Counter retriedHttp5xx;
    private final Counter retriedConnection;
    private final Counter linesTruncated;
    private final Counter bytesDroppedLineTooLong;
    private final Counter linesInvalidUtf8;
    private final Counter linesWithoutTimestamp;
    private final Counter linesMalformed;
    private final Counter filesTruncated;

    CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        linesRead = adder("collector_lines_read", null, "Physical log lines read");
        bytesRead = adder("collector_read_bytes", BaseUnits.BYTES, "UTF-8 bytes of the log lines read");
        skippedOnResume = adder("collector_lines_skipped_on_resume", null,
                "Lines read again after a restart or reconnect and skipped because they were already shipped");
        entriesProduced = adder("collector_entries_produced", null, "Entries (joined records) made");
        modelLabelOmitted = adder("collector_model_label_omitted", null,
                "Entries shipped without model_name because the target reached its model limit");
        redacted = adder("collector_entries_redacted", null, "Entries in which a secret was masked");
        entriesSent = Counter.builder("collector_entries_sent").description("Entries Loki acknowledged").register(registry);
        bytesSent = Counter.builder("collector_sent_bytes").baseUnit(BaseUnits.BYTES)
                .description("UTF-8 bytes of the lines of the entries Loki acknowledged").register(registry);
        // A histogram, so dashboards can take percentiles over any set of collectors (histogram_quantile):
        // recorded once per push, not per line, and a fixed set of buckets allocates nothing per record.
        pushLatency = Timer.builder("collector_push_latency").description("Duration of successful pushes to Loki")
                .serviceLevelObjectives(PUSH_LATENCY_BUCKETS)
                .minimumExpectedValue(PUSH_LATENCY_BUCKETS[0]).maximumExpectedValue(PUSH_LATENCY_BUCKETS[PUSH_LATENCY_BUCKETS.length - 1])
                .register(registry);
        readerFailures = Workers.failureCounter(registry, "docker-reader");
        readerPauses = Counter.builder("collector_reader_pauses")
                .description("Times a reader paused because the send buffer was full (backpressure)").register(registry);
        retriedHttp429 = retries("http_429");
        retriedHttp5xx = retries("http_5xx");
        retriedConnection = retries("connection");
        linesTruncated = Counter.builder("collector_lines_truncated")
                .description("Lines longer than collector.pipeline.max-line-bytes, cut to that length").register(registry);
        bytesDroppedLineTooLong = droppedBytes("line_too_long");
        linesInvalidUtf8 = Counter.builder("collector_lines_invalid_utf8")
                .description("Lines with invalid UTF-8, repaired with U+FFFD").register(registry);
        linesWithoutTimestamp = Counter.builder("collector_lines_without_timestamp")
                .description("Docker lines that came without the runtime's timestamp").register(registry);
        linesMalformed = Counter.builder("collector_lines_malformed")
                .description("Node log file lines not in the CRI or Docker json-file format, skipped").register(registry);
        filesTruncated = Counter.builder("collector_files_truncated")
                .description("Log files found shorter than the saved position (truncated in place), read again from the start")
                .register(registry);
        // the reasons known in advance; Loki's other 4xx answers (http_<status>) appear when they happen
        dropped("unencodable", 0);
        dropped("http_400", 0);
    }

    /**
     * A counter read from a LongAdder. A registry kept across a restart of the application in one
     * JVM (tests, dev mode) would hand back the earlier meter, bound to the earlier adder: drop it first.
     */
    private LongAdder adder(String name, String baseUnit, String description) {
        registry.find(name).meters().forEach(registry::remove);
        LongAdder adder = new LongAdder();
        FunctionCounter.builder(name, adder, LongAdder::sum).baseUnit(baseUnit).description(description).register(registry);
        return adder;
    }

    private Counter retries(String cause) {
        return Counter.builder("collector_push_retries").tag("cause", cause)
                .description("Pushes to Loki retried, by cause: http_429, http_5xx or connection").register(registry);
    }

    private Counter droppedBytes(String reason) {
        return Counter.builder("collector_dropped_bytes").baseUnit(BaseUnits.BYTES).tag("reason", reason)
                .description("Bytes of log lines dropped, by reason").register(registry);
    }

    /** {@code collector_buffer_bytes} and {@code collector_buffer_fill_ratio} of the send buffer. */
    void watchBuffer(SendQueue queue) {
        Gauge.builder("collector_buffer_bytes", queue, SendQueue::bytes).baseUnit(BaseUnits.BYTES)
                .description("Bytes waiting in the send buffer")
                .register(freshGauge("collector_buffer_bytes"));
        Gauge.builder("collector_buffer_fill_ratio", queue, q -> (double) q.bytes() / q.maxBytes())
                .description("Send buffer fill, 0 to 1").register(freshGauge("collector_buffer_fill_ratio"));
    }

    /** {@code collector_followed_targets} of the source. */
    void watchTargets(LogSource source) {
        Gauge.builder("collector_followed_targets", source, LogSource::targetCount)
                .description("Containers or log files being followed").register(freshGauge("collector_followed_targets"));
    }

    /**
     * The registry, without an earlier gauge of this name: a registry kept across a restart of the
     * application in one JVM (tests, dev mode) would otherwise hand back the old gauge, which still
     * reads the stopped collector's queue or source.
     */
    private MeterRegistry freshGauge(String name) {
        registry.find(name).meters().forEach(registry::remove);
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
        (cause.startsWith("HTTP 429") ? retriedHttp429 : cause.startsWith("HTTP 5") ? retriedHttp5xx : retriedConnection).increment();
    }

    @Override
    public void dropped(String reason, int entries) {
        Counter.builder("collector_entries_dropped").tag("reason", reason)
                .description("Entries dropped, by reason: unencodable, or http_<status> when Loki refused them for good")
                .register(registry).increment(entries);
    }

    @Override
    public void lineRepaired(LogStreamDecoder.LineDefects defects) {
        if (defects.truncated()) {
            linesTruncated.increment();
            bytesDroppedLineTooLong.increment(defects.truncatedBytes());
        }
        if (defects.invalidUtf8()) {
            linesInvalidUtf8.increment();
        }
        if (defects.missingTimestamp()) {
            linesWithoutTimestamp.increment();
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
        linesMalformed.increment();
    }

    @Override
    public void invalidUtf8(Path file) {
        linesInvalidUtf8.increment();
    }

    @Override
    public void longLineCut(long droppedBytes) {
        linesTruncated.increment();
        bytesDroppedLineTooLong.increment(droppedBytes);
    }

    @Override
    public void truncatedFile(Path file) {
        filesTruncated.increment();
    }
}
