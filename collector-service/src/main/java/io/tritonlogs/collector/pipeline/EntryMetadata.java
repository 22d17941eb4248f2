package io.tritonlogs.collector.pipeline;

import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.ParsedLine;
import io.tritonlogs.common.triton.RecordFields;

import java.util.Arrays;
import java.util.List;

/**
 * The structured metadata of a target's entries ({@link RecordFields#structuredMetadata}), made
 * without allocating in the common case: a record with no request id and no model version has
 * only its {@code pid} and {@code source}, and a process writes from a few hundred source lines,
 * so those pairs are kept in a small direct-mapped cache found by hashing the {@code file:line}
 * where it stands in the line. One per target pipeline, on its thread.
 */
final class EntryMetadata {

    private static final int SLOTS = 1024;

    private record Cached(String source, List<Label> labels) {
    }

    private final Redactor redactor;
    private final Cached[] slots = new Cached[SLOTS];
    private long pid = -1;
    private Label pidLabel;

    EntryMetadata(Redactor redactor) {
        this.redactor = redactor;
    }

    /** @param namesModel whether the entry names a model: only then can it name a model version, worth a search */
    List<Label> of(ParsedLine head, boolean namesModel) {
        if (!head.hasTritonPreamble()) {
            return List.of();
        }
        if (head.threadId() < 0 || head.sourceStart() < 0 || RecordFields.requestId(head) != null
                || (namesModel && RecordFields.modelVersion(head) != null)) {
            return RecordFields.structuredMetadata(head, redactor::redact);
        }
        if (head.threadId() != pid) {
            pid = head.threadId();
            pidLabel = new Label("pid", Long.toString(pid));
            Arrays.fill(slots, null);
        }
        String line = head.line();
        int start = head.sourceStart();
        int length = head.sourceEnd() - start;
        int hash = 0;
        for (int i = start; i < head.sourceEnd(); i++) {
            hash = 31 * hash + line.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Cached cached = slots[slot];
        if (cached != null && cached.source().length() == length && cached.source().regionMatches(0, line, start, length)) {
            return cached.labels();
        }
        String source = line.substring(start, head.sourceEnd());
        cached = new Cached(source, List.of(pidLabel, new Label("source", source)));
        slots[slot] = cached;
        return cached.labels();
    }
}
