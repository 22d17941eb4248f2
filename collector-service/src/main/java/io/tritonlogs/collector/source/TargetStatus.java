package io.tritonlogs.collector.source;

import io.tritonlogs.collector.positions.Cursor;

import java.util.Map;

/**
 * One followed target as {@code GET /api/v1/targets} shows it.
 *
 * @param acknowledged the last position Loki acknowledged (persisted), or null
 * @param read         the last line read
 */
public record TargetStatus(String id, String name, Map<String, String> labels, String state, boolean tty, boolean paused,
                           Cursor acknowledged, Cursor read, String lastError) {
}
