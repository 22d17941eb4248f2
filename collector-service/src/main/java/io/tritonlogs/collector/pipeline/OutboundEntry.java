package io.tritonlogs.collector.pipeline;

import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.loki.LabelSet;

import java.util.List;

/**
 * An entry ready to ship.
 *
 * @param targetId        container id (or file identity) the entry came from
 * @param targetName      its current name, for the positions file
 * @param structuredMetadata per-entry fields for Loki 3's structured metadata (pid, source, ...)
 * @param safeCursor      once this entry is acknowledged, every line of the target up to this
 *                        cursor is in Loki: the position to persist
 * @param bytes           size of the line for batching and the buffer bound, in chars (the UTF-8
 *                        size for ASCII text; counting exact bytes would cost a pass per entry)
 */
public record OutboundEntry(String targetId, String targetName, LabelSet labels, long timestampNanos, String line,
                            List<Label> structuredMetadata, Cursor safeCursor, int bytes) {
}
