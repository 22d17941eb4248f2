package io.tritonlogs.query.search;

import java.util.Map;

/**
 * One log entry: when (RFC 3339 with nanoseconds, and the exact nanoseconds as Loki keeps them),
 * the stream's labels, the raw line as stored, and what common's Triton parser reads in it.
 */
public record LogEntry(String timestamp, String timestampNanos, Map<String, String> labels, String line, Parsed parsed) {

    /** {@code level} is never null ({@code UNKNOWN} for lines without one); the others are null when the line has none. */
    public record Parsed(String level, String source, String message, String model) {
    }
}
