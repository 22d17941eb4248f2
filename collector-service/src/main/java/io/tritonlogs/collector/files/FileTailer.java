package io.tritonlogs.collector.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tritonlogs.collector.docker.DockerTimestamps;
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
 * Reads one log file from an offset, line by line, into its pipeline: CRI lines (joining
 * {@code P} partial lines up to the {@code F} line) or Docker json-file lines (joining pieces
 * without a trailing newline). The file stays open, so after a rename or deletion it is read to
 * its end. Each emitted line's position is the byte offset after it, so a restart seeks exactly
 * there. Used by one thread only.
 */
final class FileTailer {

    private static final JsonFactory JSON = new JsonFactory();

    private final String id;
    private final LogFileFormat format;
    private final TargetPipeline pipeline;
    private final int maxLineBytes;
    private final FileDefects defects;
    private Path path;
    private FileChannel channel;

    private byte[] buffer = new byte[64 * 1024];
    private int fill;
    /** File offset after the last complete physical line. */
    private long offset;
    private boolean skippingLongLine;

    /** A long line's pieces, one per stream: a stdout {@code P} piece and a stderr line never join. */
    private final PartialLine[] partials = {new PartialLine(), new PartialLine()};
    private final long[] parsed = new long[1];
    private long lastDataNanos = System.nanoTime();
    private boolean rotatedAway;
    private long modifiedMillis;
    private String lastError;
    /** The file's first bytes as first read: if they change, the file was truncated and written again. */
    private final byte[] head = new byte[FileHead.BYTES];
    private int headLength;
    private int fullHeadChecksum;
    private final byte[] headNow = new byte[FileHead.BYTES];
    private Truncation lastTruncation;

    /** The file was truncated in place: its full head then, and the offset up to which it had been shipped. */
    record Truncation(int fullHeadChecksum, long offset) {
    }

    FileTailer(String id, Path path, LogFileFormat format, long startOffset, TargetPipeline pipeline, int maxLineBytes,
               FileDefects defects) throws IOException {
        this.id = id;
        this.path = path;
        this.format = format;
        this.pipeline = pipeline;
        this.maxLineBytes = maxLineBytes;
        this.defects = defects;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.offset = startOffset > channel.size() ? 0 : startOffset;
    }

    /** Reads up to about {@code maxBytes}; returns how many bytes were read. */
    int read(int maxBytes) throws IOException {
        long size = channel.size();
        if (size < offset + fill || !sameHead(size)) {
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
     * copytruncate: the file is shorter than what was read, so read it again from the start. The
     * copy is a rotated sibling ({@code <file>.<suffix>}) that discovery follows as a file of its
     * own: lines we had already shipped from it are sent again with their own timestamps, and
     * Loki stores a repeated (stream, timestamp, line) once.
     */
    private void truncated() {
        defects.truncatedFile(path);
        if (fullHeadChecksum != 0) {
            lastTruncation = new Truncation(fullHeadChecksum, resumeOffset(offset));
        }
        offset = 0;
        fill = 0;
        headLength = 0;
        fullHeadChecksum = 0;
        skippingLongLine = false;
        partials[0].reset();
        partials[1].reset();
    }

    /**
     * A size check alone misses a copytruncate when the writer has outgrown the old size before
     * this file is read again; then the first bytes differ from those first seen (each line starts
     * with its timestamp). One small positioned read per pass; the head is learnt as it is written.
     */
    private boolean sameHead(long size) throws IOException {
        int want = Math.max(headLength, FileHead.length(size));
        if (want == 0) {
            return true;
        }
        int n = FileHead.read(channel, headNow, want);
        if (n < headLength || !Arrays.equals(head, 0, headLength, headNow, 0, headLength)) {
            return false;
        }
        if (n > headLength) {
            System.arraycopy(headNow, headLength, head, headLength, n - headLength);
            headLength = n;
            if (headLength == FileHead.BYTES) {
                fullHeadChecksum = FileHead.checksum(head, headLength);
            }
        }
        return true;
    }

    /**
     * The checksum a position at {@code endOffset} stores; 0 ("unknown") in the rare case of a line
     * inside the first bytes that grew after this pass's head check.
     */
    private int headChecksum(long endOffset) {
        int length = FileHead.length(endOffset);
        if (length == FileHead.BYTES && headLength == FileHead.BYTES) {
            return fullHeadChecksum;
        }
        return length <= headLength ? FileHead.checksum(head, length) : 0;
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
                line(buffer, start, i, lineEndOffset);
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
            int head = Math.min(fill, maxLineBytes);
            line(buffer, 0, head, offset + fill);
            defects.longLineCut(fill - head);
            skippingLongLine = true;
        } else {
            defects.longLineCut(fill);
        }
        offset += fill;
        fill = 0;
    }

    private void line(byte[] b, int from, int to, long endOffset) {
        if (format == LogFileFormat.CRI) {
            criLine(b, from, to, endOffset);
        } else {
            dockerJsonLine(b, from, to, endOffset);
        }
    }

    /** {@code <RFC3339Nano> <stdout|stderr> <P|F> <text>}. */
    private void criLine(byte[] b, int from, int to, long endOffset) {
        int afterTime = DockerTimestamps.parse(b, from, to, parsed);
        if (afterTime < 0 || afterTime >= to || b[afterTime] != ' ') {
            defects.malformedLine(path);
            emit(false, System.currentTimeMillis() * 1_000_000L, b, from, to, endOffset);
            return;
        }
        int streamStart = afterTime + 1;
        boolean stderr = startsWith(b, streamStart, to, "stderr ");
        if (!stderr && !startsWith(b, streamStart, to, "stdout ")) {
            defects.malformedLine(path);
            emit(false, parsed[0], b, from, to, endOffset);
            return;
        }
        int tag = streamStart + 7;
        boolean partialLine = tag < to && b[tag] == 'P';
        // Tags may carry more fields after P/F (e.g. "F:x"); the text starts after the next space.
        while (tag < to && b[tag] != ' ') {
            tag++;
        }
        int textStart = Math.min(to, tag + 1);
        PartialLine partial = partials[stderr ? 1 : 0];
        if (partialLine) {
            partial.append(stderr, parsed[0], b, textStart, to, maxLineBytes, endOffset - (to - from) - 1);
            return;
        }
        if (partial.active()) {
            partial.append(stderr, parsed[0], b, textStart, to, maxLineBytes, endOffset);
            emitPartial(partial, endOffset);
            return;
        }
        emit(stderr, parsed[0], b, textStart, to, endOffset);
    }

    /** {@code {"log":"text\n","stream":"stderr","time":"…"}}. */
    private void dockerJsonLine(byte[] b, int from, int to, long endOffset) {
        String log = null;
        String stream = "stdout";
        String time = null;
        try (JsonParser parser = JSON.createParser(b, from, to - from)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "log" -> log = parser.getText();
                    case "stream" -> stream = parser.getText();
                    case "time" -> time = parser.getText();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            defects.malformedLine(path);
            emit(false, System.currentTimeMillis() * 1_000_000L, b, from, to, endOffset);
            return;
        }
        if (log == null) {
            defects.malformedLine(path);
            return;
        }
        byte[] timeBytes = time == null ? new byte[0] : time.getBytes(StandardCharsets.US_ASCII);
        long ts = DockerTimestamps.parse(timeBytes, 0, timeBytes.length, parsed) > 0 ? parsed[0] : System.currentTimeMillis() * 1_000_000L;
        boolean stderr = "stderr".equals(stream);
        boolean complete = log.endsWith("\n");
        byte[] text = (complete ? log.substring(0, log.length() - 1) : log).getBytes(StandardCharsets.UTF_8);
        PartialLine partial = partials[stderr ? 1 : 0];
        if (!complete) {
            partial.append(stderr, ts, text, 0, text.length, maxLineBytes, endOffset - (to - from) - 1);
            return;
        }
        if (partial.active()) {
            partial.append(stderr, ts, text, 0, text.length, maxLineBytes, endOffset);
            emitPartial(partial, endOffset);
            return;
        }
        emit(stderr, ts, text, 0, text.length, endOffset);
    }

    private void emitPartial(PartialLine partial, long endOffset) {
        if (partial.dropped > 0) {
            defects.longLineCut(partial.dropped);
        }
        partial.active = false; // its start no longer holds the resume position back
        emit(partial.stderr, partial.timestamp, partial.bytes, 0, partial.length, endOffset);
        partial.reset();
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
        long resumeAt = resumeOffset(endOffset);
        pipeline.accept(stderr, ts, text, length, Cursor.atOffset(resumeAt, headChecksum(resumeAt)));
    }

    /**
     * Where reading may resume once this line is shipped: after it, unless the other stream holds
     * pieces of a longer line that started earlier; then at that line's start, so a restart reads
     * those pieces again (the lines after them come again too, and Loki stores a repeated
     * (timestamp, line) once).
     */
    private long resumeOffset(long endOffset) {
        long resume = endOffset;
        for (PartialLine p : partials) {
            if (p.active() && p.startOffset < resume) {
                resume = p.startOffset;
            }
        }
        return resume;
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The truncation the last reads noticed, once; null when there was none. */
    Truncation takeTruncation() {
        Truncation t = lastTruncation;
        lastTruncation = null;
        return t;
    }

    /** The checksum of the file's first {@value FileHead#BYTES} bytes as read, or 0 while it is shorter. */
    int fullHeadChecksum() {
        return fullHeadChecksum;
    }

    /** Bytes of the file passed on to the pipeline so far: where a copy of it taken now would continue. */
    long readOffset() {
        return resumeOffset(offset);
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

    /** Pieces of a long line of one stream (CRI {@code P} lines, json-file entries without newline) until its end. */
    private static final class PartialLine {
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

        boolean active() {
            return active;
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
