package io.tritonlogs.common.triton;

import io.tritonlogs.common.text.Utf8;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Joins continuation lines to their entry, for one stream; not thread-safe. An entry is emitted
 * when the next entry starts, when it reaches {@link JoinLimits#maxLines()} or
 * {@link JoinLimits#maxBytes()}, or when {@link #flushIfIdle()} finds it idle for longer than
 * {@link JoinLimits#flushTimeout()}. Single-line entries are passed on without copying.
 */
public final class MultilineJoiner {

    private final TritonLineParser parser;
    private final LineClassifier classifier;
    private final JoinLimits limits;
    private final Consumer<JoinedEntry> out;
    private final LongSupplier nanoClock;
    private final long timeoutNanos;

    private ParsedLine head;
    private ParsedLine lastHead;
    private String firstText;
    private StringBuilder joined;
    private long timestampNanos;
    private int lineCount;
    private int bytes;
    private boolean continued;
    private long lastAppendNanos;

    public MultilineJoiner(TritonLineParser parser, JoinLimits limits, Consumer<JoinedEntry> out) {
        this(parser, limits, out, System::nanoTime);
    }

    public MultilineJoiner(TritonLineParser parser, JoinLimits limits, Consumer<JoinedEntry> out, LongSupplier nanoClock) {
        this.parser = parser;
        this.classifier = new LineClassifier(parser);
        this.limits = limits;
        this.out = out;
        this.nanoClock = nanoClock;
        this.timeoutNanos = limits.flushTimeout().toNanos();
    }

    /** Takes the next physical line of the stream (without its terminator) and its runtime timestamp. */
    public void accept(String line, long lineTimestampNanos) {
        ParsedLine parsed = classifier.classify(line);
        if (parsed.kind() == LineKind.RECORD) {
            int glued = parser.gluedRecordStart(parsed);
            if (glued > 0) {
                start(parser.parse(line.substring(0, glued)), lineTimestampNanos, false);
                accept(line.substring(glued), lineTimestampNanos);
                return;
            }
        }
        if (parsed.kind() != LineKind.CONTINUATION) {
            start(parsed, lineTimestampNanos, false);
            return;
        }
        if (head == null) {
            // A continuation whose entry was already flushed (timeout) or never seen (stream start).
            if (lastHead != null) {
                startWithHead(lastHead, line, lineTimestampNanos, true);
            } else {
                start(parsed, lineTimestampNanos, false);
            }
            return;
        }
        int lineBytes = Utf8.length(line);
        if (bytes < 0) {
            bytes = Utf8.length(firstText); // measured only once an entry grows: most entries are one line
        }
        if (lineCount + 1 > limits.maxLines() || (long) bytes + 1 + lineBytes > limits.maxBytes()) {
            ParsedLine owner = head;
            emit();
            startWithHead(owner, line, lineTimestampNanos, true);
            return;
        }
        if (joined == null) {
            joined = new StringBuilder(firstText.length() + line.length() + 256);
            joined.append(firstText);
        }
        joined.append('\n').append(line);
        lineCount++;
        bytes += 1 + lineBytes;
        lastAppendNanos = nanoClock.getAsLong();
    }

    /** Emits the pending entry if no line arrived for the flush timeout. */
    public void flushIfIdle() {
        if (head != null && nanoClock.getAsLong() - lastAppendNanos >= timeoutNanos) {
            emit();
        }
    }

    /** Emits the pending entry now, e.g. when the stream ends. */
    public void flush() {
        if (head != null) {
            emit();
        }
    }

    /** Whether an entry is waiting for more lines. */
    public boolean hasPending() {
        return head != null;
    }

    private void start(ParsedLine parsed, long lineTimestampNanos, boolean isContinued) {
        flush();
        startWithHead(parsed, parsed.line(), lineTimestampNanos, isContinued);
    }

    private void startWithHead(ParsedLine owner, String text, long lineTimestampNanos, boolean isContinued) {
        flush();
        head = owner;
        firstText = text;
        joined = null;
        timestampNanos = lineTimestampNanos;
        lineCount = 1;
        bytes = -1;
        continued = isContinued;
        lastAppendNanos = nanoClock.getAsLong();
    }

    private void emit() {
        String text = joined == null ? firstText : joined.toString();
        JoinedEntry entry = new JoinedEntry(timestampNanos, text, head, lineCount, continued);
        lastHead = head;
        head = null;
        firstText = null;
        joined = null;
        out.accept(entry);
    }
}
