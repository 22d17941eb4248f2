package io.tritonlogs.collector.pipeline;

import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.triton.JoinedEntry;
import io.tritonlogs.common.triton.Level;
import io.tritonlogs.common.triton.MultilineJoiner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-line work for one target (container or log file): skip what was already shipped, join
 * continuation lines per stream, read level and model, apply the label contract, redact, and
 * hand the entry on with the cursor that is safe to persist once it is acknowledged.
 *
 * <p>Safe cursor: stdout and stderr are joined separately, so a pending entry on one stream can
 * hold lines older than entries emitted on the other. An emitted entry's safe cursor is therefore
 * the cursor just before the oldest line still pending in any stream (or the last line read).
 * Entries are acknowledged in emission order, so everything up to that cursor is then in Loki.
 *
 * <p>Runs on one thread (its follower's event loop); not thread-safe.
 */
public final class TargetPipeline {

    private static final String[] STREAM_NAMES = {"stdout", "stderr"};

    private final String id;
    private String name;
    private Map<String, String> baseLabels;
    private final PipelineSettings settings;
    private final EntrySink sink;
    private final PipelineCounters counters;
    private final StreamState[] streams = new StreamState[2];
    private final Set<String> models = new HashSet<>();
    private final EntryMetadata metadata;

    private Cursor resumeAfter;
    private long seq;
    private Cursor readCursor;
    private long lastTimestamp = Long.MIN_VALUE;
    private int countAtTimestamp;
    private long acceptingSeq = -1;
    private Cursor cursorBeforeAccepting;

    public TargetPipeline(TargetIdentity identity, PipelineSettings settings, EntrySink sink, PipelineCounters counters,
                          Cursor resumeAfter) {
        this.id = identity.id();
        this.name = identity.name();
        this.baseLabels = identity.baseLabels();
        this.settings = settings;
        this.sink = sink;
        this.counters = counters;
        this.metadata = new EntryMetadata(settings.redactor());
        this.resumeAfter = resumeAfter == null ? Cursor.START : resumeAfter;
        this.readCursor = this.resumeAfter;
        for (int s = 0; s < 2; s++) {
            streams[s] = new StreamState(s);
        }
    }

    /**
     * A new read of the target starts (a reconnect re-reads from just before {@link #readCursor()}):
     * lines up to the read cursor are skipped, counts at a timestamp start again.
     */
    public void restartRead() {
        resumeAfter = readCursor;
        lastTimestamp = Long.MIN_VALUE;
        countAtTimestamp = 0;
    }

    /** The last line read (and passed on), the place to resume reading from. */
    public Cursor readCursor() {
        return readCursor;
    }

    public void rename(String newName, Map<String, String> newBaseLabels) {
        name = newName;
        baseLabels = Map.copyOf(newBaseLabels);
        for (StreamState stream : streams) {
            stream.labelCache.clear();
        }
    }

    public String name() {
        return name;
    }

    /**
     * One physical line ({@code bytes} long as read), in the order the runtime wrote it; its
     * position is its timestamp and how many lines of the target had that timestamp before it.
     */
    public void accept(boolean stderr, long timestampNanos, String text, int bytes) {
        if (timestampNanos == lastTimestamp) {
            countAtTimestamp++;
        } else {
            lastTimestamp = timestampNanos;
            countAtTimestamp = 1;
        }
        if (resumeAfter.covers(timestampNanos, countAtTimestamp)) {
            counters.skippedOnResume();
            return;
        }
        accept(stderr, timestampNanos, text, bytes, new Cursor(timestampNanos, countAtTimestamp));
    }

    /**
     * One physical line whose position the source knows itself (a file source: the byte offset
     * after the line). No resume filtering: such sources resume by seeking.
     */
    public void accept(boolean stderr, long timestampNanos, String text, int bytes, Cursor position) {
        seq++;
        counters.lineRead(bytes);
        StreamState stream = streams[stderr ? 1 : 0];
        acceptingSeq = seq;
        cursorBeforeAccepting = readCursor;
        int emittedBefore = stream.emitted;
        stream.joiner.accept(text, timestampNanos);
        if (stream.joiner.hasPending() && (stream.emitted != emittedBefore || stream.pendingFirstSeq < 0)) {
            stream.pendingFirstSeq = seq;
            stream.cursorBeforePending = cursorBeforeAccepting;
        }
        acceptingSeq = -1;
        readCursor = position;
    }

    /** Emits entries whose continuation lines did not come within the join timeout. */
    public void flushIfIdle() {
        for (StreamState stream : streams) {
            stream.joiner.flushIfIdle();
        }
    }

    /** Emits every pending entry (the stream ended). */
    public void flush() {
        for (StreamState stream : streams) {
            stream.joiner.flush();
        }
    }

    private void emit(StreamState stream, JoinedEntry entry) {
        stream.emitted++;
        stream.pendingFirstSeq = -1;
        Cursor safe = safeCursor(stream);
        Level level = entry.level();
        String named = settings.models().extract(entry.head());
        String model = named;
        if (model != null && !models.contains(model)) {
            if (models.size() >= settings.maxModelsPerTarget()) {
                counters.modelLabelOmitted();
                model = null;
            } else {
                models.add(model);
            }
        }
        String line = settings.redactor().redact(entry.text());
        if (line != entry.text()) {
            counters.redacted();
        }
        sink.offer(new OutboundEntry(id, name, stream.labels(level, model), entry.timestampNanos(), line, metadata.of(entry.head(), named != null),
                safe, line.length()));
        counters.entryProduced();
    }

    /** The cursor before the oldest line not yet emitted, in any stream. */
    private Cursor safeCursor(StreamState emitting) {
        long bestSeq = acceptingSeq >= 0 ? acceptingSeq - 1 : seq;
        Cursor best = acceptingSeq >= 0 ? cursorBeforeAccepting : readCursor;
        for (StreamState other : streams) {
            if (other != emitting && other.pendingFirstSeq >= 0 && other.pendingFirstSeq - 1 < bestSeq) {
                bestSeq = other.pendingFirstSeq - 1;
                best = other.cursorBeforePending;
            }
        }
        return best;
    }

    /** Joiner, pending-entry bookkeeping and label sets of one stream (stdout or stderr). */
    private final class StreamState {
        final MultilineJoiner joiner;
        final String streamName;
        final Map<Level, Map<String, LabelSet>> labelCache = new EnumMap<>(Level.class);
        int emitted;
        long pendingFirstSeq = -1;
        Cursor cursorBeforePending;

        StreamState(int index) {
            this.streamName = STREAM_NAMES[index];
            this.joiner = new MultilineJoiner(settings.parser(), settings.joinLimits(), entry -> emit(this, entry));
        }

        LabelSet labels(Level level, String model) {
            return labelCache.computeIfAbsent(level, l -> new HashMap<>())
                    .computeIfAbsent(model == null ? "" : model, m -> {
                        List<Label> labels = new ArrayList<>();
                        baseLabels.forEach((k, v) -> labels.add(new Label(k, v)));
                        labels.add(new Label("stream", streamName));
                        labels.add(new Label("level", level.name()));
                        labels.add(new Label("model_name", m));
                        return new LabelSet(labels);
                    });
        }
    }
}
