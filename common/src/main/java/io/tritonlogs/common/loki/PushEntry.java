package io.tritonlogs.common.loki;

import java.util.List;

/**
 * One log line with its nanosecond timestamp (the runtime's, never the collector's clock) and
 * its Loki 3 structured metadata: per-entry fields of high cardinality (process id, source
 * location, request id) that would make too many streams as labels.
 */
public record PushEntry(long timestampNanos, String line, List<Label> structuredMetadata) {

    public PushEntry {
        if (line == null) {
            throw new IllegalArgumentException("a log entry needs a line");
        }
        structuredMetadata = structuredMetadata == null ? List.of() : structuredMetadata;
    }

    public PushEntry(long timestampNanos, String line) {
        this(timestampNanos, line, List.of());
    }

    /** The same entry without structured metadata, for a Loki that does not accept it. */
    public PushEntry withoutStructuredMetadata() {
        return structuredMetadata.isEmpty() ? this : new PushEntry(timestampNanos, line);
    }
}
