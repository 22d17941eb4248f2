package io.tritonlogs.common.loki;

/** One log line with its nanosecond timestamp (the runtime's, never the collector's clock). */
public record PushEntry(long timestampNanos, String line) {

    public PushEntry {
        if (line == null) {
            throw new IllegalArgumentException("a log entry needs a line");
        }
    }
}
