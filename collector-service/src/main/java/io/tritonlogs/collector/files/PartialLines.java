package io.tritonlogs.collector.files;

import java.util.Arrays;

/**
 * Joins the pieces of long lines (CRI {@code P} lines up to the {@code F} line, json-file entries
 * without a trailing newline up to the one with it), one line per stream: a stdout piece and a
 * stderr line never join. A joined line has its first piece's timestamp and is cut at the maximum
 * line length. Used by one tailer's thread only.
 */
final class PartialLines implements LineSink {

    private final Pieces[] streams = {new Pieces(), new Pieces()};
    private final int maxLineBytes;
    private final FileDefects defects;
    private final LineSink joined;

    /** {@code joined} takes every whole line, joined from its pieces or passed through. */
    PartialLines(int maxLineBytes, FileDefects defects, LineSink joined) {
        this.maxLineBytes = maxLineBytes;
        this.defects = defects;
        this.joined = joined;
    }

    /** A piece that more pieces of its line follow; {@code lineStartOffset}: where its physical line starts. */
    void piece(boolean stderr, long timestampNanos, byte[] b, int from, int to, long lineStartOffset) {
        streams[stderr ? 1 : 0].append(stderr, timestampNanos, b, from, to, maxLineBytes, lineStartOffset);
    }

    /** A whole line, or the last piece of one: passed on, joined to the pieces of its stream before it. */
    @Override
    public void line(boolean stderr, long timestampNanos, byte[] b, int from, int to, long endOffset) {
        Pieces pieces = streams[stderr ? 1 : 0];
        if (!pieces.active) {
            joined.line(stderr, timestampNanos, b, from, to, endOffset);
            return;
        }
        pieces.append(stderr, timestampNanos, b, from, to, maxLineBytes, endOffset);
        if (pieces.dropped > 0) {
            defects.longLineCut(pieces.dropped);
        }
        pieces.active = false; // its start no longer holds the resume position back
        joined.line(pieces.stderr, pieces.timestamp, pieces.bytes, 0, pieces.length, endOffset);
        pieces.reset();
    }

    /**
     * Where reading may resume once a line ending at {@code endOffset} is shipped: after it, unless
     * a stream holds pieces of a longer line that started earlier; then at that line's start, so a
     * restart reads those pieces again (the lines after them come again too, and Loki stores a
     * repeated (timestamp, line) once).
     */
    long resumeOffset(long endOffset) {
        long resume = endOffset;
        for (Pieces p : streams) {
            if (p.active && p.startOffset < resume) {
                resume = p.startOffset;
            }
        }
        return resume;
    }

    /** Forgets every waiting piece (the file is read again from its start). */
    void reset() {
        for (Pieces p : streams) {
            p.reset();
        }
    }

    /** The pieces of one stream's long line so far. */
    private static final class Pieces {
        byte[] bytes = new byte[256];
        int length;
        long timestamp;
        boolean stderr;
        long dropped;
        boolean active;
        /** File offset of the physical line holding the first piece. */
        long startOffset;

        void append(boolean isStderr, long ts, byte[] b, int from, int to, int max, long lineStartOffset) {
            if (!active) {
                active = true;
                timestamp = ts;
                stderr = isStderr;
                startOffset = lineStartOffset;
            }
            int n = Math.min(to - from, Math.max(0, max - length));
            dropped += (to - from) - n;
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            System.arraycopy(b, from, bytes, length, n);
            length += n;
        }

        void reset() {
            active = false;
            length = 0;
            dropped = 0;
            if (bytes.length > 64 * 1024) {
                bytes = new byte[256];
            }
        }
    }
}
