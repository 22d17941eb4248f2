package io.tritonlogs.collector.files;

import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.common.text.Utf8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads one log file from an offset, physical line by physical line, through its format's
 * {@link LineFraming} and the {@link PartialLines} joining into its pipeline. The file stays open,
 * so after a rename or deletion it is read to its end; a file that shrank or whose first bytes
 * changed was truncated and is read again from its start. Each emitted line's position is the byte
 * offset where a restart resumes, so a restart seeks exactly there. Used by one thread only.
 */
final class FileTailer {

    private final String id;
    private final TargetPipeline pipeline;
    private final int maxLineBytes;
    private final FileDefects defects;
    private final LineFraming framing;
    private final PartialLines partials;
    private final LineFraming.Frames frames = new Framed();
    private final HeadWatch head = new HeadWatch();
    private final FileChannel channel;
    private Path path;

    private byte[] buffer = new byte[64 * 1024];
    private int fill;
    /** File offset after the last complete physical line. */
    private long offset;
    private boolean skippingLongLine;

    private long lastDataNanos = System.nanoTime();
    private boolean rotatedAway;
    private long modifiedMillis;
    private String lastError;
    private Truncation lastTruncation;

    /** The file was truncated in place: its full head then, and the offset up to which it had been shipped. */
    record Truncation(int fullHeadChecksum, long offset) {
    }

    FileTailer(String id, Path path, LogFileFormat format, long startOffset, TargetPipeline pipeline, int maxLineBytes,
               FileDefects defects) throws IOException {
        this.id = id;
        this.path = path;
        this.pipeline = pipeline;
        this.maxLineBytes = maxLineBytes;
        this.defects = defects;
        this.framing = LineFraming.of(format);
        this.partials = new PartialLines(maxLineBytes, defects, this::emit);
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.offset = startOffset > channel.size() ? 0 : startOffset;
    }

    /** Reads up to about {@code maxBytes}; returns how many bytes were read. */
    int read(int maxBytes) throws IOException {
        long size = channel.size();
        if (size < offset + fill || !head.unchanged(channel, size)) {
            truncated();
            return 0;
        }
        int total = 0;
        while (total < maxBytes) {
            if (fill == buffer.length) {
                growOrCut();
            }
            int n = channel.read(ByteBuffer.wrap(buffer, fill, buffer.length - fill), offset + fill);
            if (n <= 0) {
                break;
            }
            fill += n;
            total += n;
            consumeLines();
        }
        if (total > 0) {
            lastDataNanos = System.nanoTime();
            lastError = null;
        }
        return total;
    }

    /**
     * copytruncate: read the file again from the start. The copy is a rotated sibling that
     * discovery follows as a file of its own, continuing where this one was read up to.
     */
    private void truncated() {
        defects.truncatedFile(path);
        if (head.fullChecksum() != 0) {
            lastTruncation = new Truncation(head.fullChecksum(), partials.resumeOffset(offset));
        }
        offset = 0;
        fill = 0;
        head.forget();
        skippingLongLine = false;
        partials.reset();
    }

    private void consumeLines() {
        int start = 0;
        for (int i = 0; i < fill; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            long lineEndOffset = offset + i + 1;
            if (skippingLongLine) {
                skippingLongLine = false;
            } else {
                framing.frame(buffer, start, i, lineEndOffset, frames);
            }
            start = i + 1;
        }
        if (start > 0) {
            offset += start;
            System.arraycopy(buffer, start, buffer, 0, fill - start);
            fill -= start;
        }
    }

    /** A physical line longer than the buffer may grow: emit its head, marked, and skip to its end. */
    private void growOrCut() {
        if (buffer.length < maxLineBytes + 4096) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + 4096));
            return;
        }
        if (!skippingLongLine) {
            int kept = Math.min(fill, maxLineBytes);
            framing.frame(buffer, 0, kept, offset + fill, frames);
            defects.longLineCut(fill - kept);
            skippingLongLine = true;
        } else {
            defects.longLineCut(fill);
        }
        offset += fill;
        fill = 0;
    }

    private void emit(boolean stderr, long ts, byte[] b, int from, int to, long endOffset) {
        int length = to - from;
        if (length > 0 && b[to - 1] == '\r') {
            length--;
        }
        boolean ascii = Utf8.isAscii(b, from, length);
        if (!ascii && !Utf8.isValid(b, from, length)) {
            defects.invalidUtf8(path);
        }
        String text = ascii ? new String(b, from, length, StandardCharsets.ISO_8859_1) : Utf8.decode(b, from, length);
        long resumeAt = partials.resumeOffset(endOffset);
        pipeline.accept(stderr, ts, text, length, Cursor.atOffset(resumeAt, head.checksumAt(resumeAt)));
    }

    /** The truncation the last reads noticed, once; null when there was none. */
    Truncation takeTruncation() {
        Truncation t = lastTruncation;
        lastTruncation = null;
        return t;
    }

    /** The checksum of the file's first {@value FileHead#BYTES} bytes as read, or 0 while it is shorter. */
    int fullHeadChecksum() {
        return head.fullChecksum();
    }

    /** Bytes of the file passed on to the pipeline so far: where a copy of it taken now would continue. */
    long readOffset() {
        return partials.resumeOffset(offset);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only file cannot lose data
        }
    }

    String id() {
        return id;
    }

    Path path() {
        return path;
    }

    void movedTo(Path newPath) {
        path = newPath;
    }

    TargetPipeline pipeline() {
        return pipeline;
    }

    boolean rotatedAway() {
        return rotatedAway;
    }

    void markRotatedAway() {
        rotatedAway = true;
    }

    long modifiedMillis() {
        return modifiedMillis;
    }

    void modifiedMillis(long millis) {
        modifiedMillis = millis;
    }

    long idleNanos() {
        return System.nanoTime() - lastDataNanos;
    }

    boolean atEnd() throws IOException {
        return offset + fill >= channel.size();
    }

    String lastError() {
        return lastError;
    }

    void failed(String error) {
        lastError = error;
    }

    /** Whole lines and pieces are joined per stream; a line the format does not frame is counted and passed on as it is. */
    private final class Framed implements LineFraming.Frames {

        @Override
        public void line(boolean stderr, long timestampNanos, byte[] b, int from, int to, long endOffset) {
            partials.line(stderr, timestampNanos, b, from, to, endOffset);
        }

        @Override
        public void piece(boolean stderr, long timestampNanos, byte[] b, int from, int to, long lineStartOffset) {
            partials.piece(stderr, timestampNanos, b, from, to, lineStartOffset);
        }

        @Override
        public void malformed(long timestampNanos, byte[] b, int from, int to, long endOffset) {
            defects.malformedLine(path);
            emit(false, timestampNanos, b, from, to, endOffset);
        }

        @Override
        public void malformedWithoutText() {
            defects.malformedLine(path);
        }
    }
}
