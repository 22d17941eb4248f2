package io.tritonlogs.collector.docker;

import io.tritonlogs.common.text.Utf8;
import io.tritonlogs.common.time.Timestamps;

import java.nio.charset.StandardCharsets;

/**
 * Turns the body of {@code GET /containers/{id}/logs?timestamps=1} into lines. Non-TTY containers
 * send multiplexed frames ({@code [stream, 0, 0, 0, size(4, big-endian)]} then the payload);
 * TTY containers send one raw stream (stdout). Every log message starts with Docker's timestamp
 * and a space; a message without a trailing newline is a partial piece of a long line (Docker
 * splits lines at 16 KiB) and the next piece continues it. Lines longer than the limit are cut,
 * marked and reported; invalid UTF-8 is replaced and reported. One instance per response; not
 * thread-safe.
 */
public final class LogStreamDecoder {

    /** Receives each complete line. */
    public interface LineHandler {
        void onLine(boolean stderr, long timestampNanos, String text, int bytes, LineDefects defects);
    }

    /** What had to be repaired in a line, for counting. */
    public record LineDefects(boolean truncated, long truncatedBytes, boolean invalidUtf8, boolean missingTimestamp) {
        static final LineDefects NONE = new LineDefects(false, 0, false, false);

        public boolean any() {
            return truncated || invalidUtf8 || missingTimestamp;
        }
    }

    public static final String TRUNCATION_MARKER = " …[truncated by collector: line exceeded %d bytes]";

    private final boolean multiplexed;
    private final int maxLineBytes;
    private final LineHandler handler;
    private final LineAssembler stdout;
    private final LineAssembler stderr;

    private final byte[] header = new byte[8];
    private int headerFill;
    private long payloadRemaining;
    private LineAssembler current;

    public LogStreamDecoder(boolean tty, int maxLineBytes, LineHandler handler) {
        this.multiplexed = !tty;
        this.maxLineBytes = maxLineBytes;
        this.handler = handler;
        this.stdout = new LineAssembler(false);
        this.stderr = new LineAssembler(true);
        this.current = stdout;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (!multiplexed) {
            stdout.append(bytes, i, end);
            return;
        }
        while (i < end) {
            if (payloadRemaining == 0) {
                int take = Math.min(8 - headerFill, end - i);
                System.arraycopy(bytes, i, header, headerFill, take);
                headerFill += take;
                i += take;
                if (headerFill < 8) {
                    return;
                }
                headerFill = 0;
                current = header[0] == 2 ? stderr : stdout;
                payloadRemaining = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
                current.startMessage();
                continue;
            }
            int take = (int) Math.min(payloadRemaining, end - i);
            current.append(bytes, i, i + take);
            payloadRemaining -= take;
            i += take;
        }
    }

    /** Emits what is left when the stream ends (a last line without newline). */
    public void finish() {
        stdout.flushPartial();
        stderr.flushPartial();
    }

    /** Collects one stream's bytes into lines. */
    private final class LineAssembler {
        private final boolean isStderr;
        private byte[] line = new byte[512];
        private int fill;
        private long dropped;
        private boolean atMessageStart = true;
        private boolean inLine;
        private long lineTimestamp;
        private boolean lineHasTimestamp;
        private final byte[] prefix = new byte[40];
        private int prefixFill;
        private final long[] parsed = new long[1];

        LineAssembler(boolean isStderr) {
            this.isStderr = isStderr;
        }

        /** A multiplexed frame starts: its payload begins with a timestamp. */
        void startMessage() {
            atMessageStart = true;
            prefixFill = 0;
        }

        void append(byte[] b, int from, int to) {
            int i = from;
            while (i < to) {
                if (atMessageStart) {
                    i = readPrefix(b, i, to);
                    continue;
                }
                int newline = indexOf(b, i, to, (byte) '\n');
                if (newline < 0) {
                    // The line goes on in the next buffer, or (multiplexed) in the next frame after
                    // that frame's own timestamp: a partial piece of a long line.
                    add(b, i, to);
                    return;
                }
                add(b, i, newline);
                emit();
                i = newline + 1;
                atMessageStart = true;
                prefixFill = 0;
            }
        }

        /** Reads the {@code <timestamp> } prefix of a message, which may arrive split over buffers. */
        private int readPrefix(byte[] b, int i, int to) {
            while (i < to) {
                byte c = b[i++];
                if (c == ' ' && Timestamps.parseRfc3339(prefix, 0, prefixFill, parsed) == prefixFill) {
                    if (inLine && parsed[0] != lineTimestamp) {
                        // Pieces of one long line share its timestamp. Docker's local log driver
                        // drops the newline of a long line's last piece: a new timestamp ends it.
                        emit();
                    }
                    if (!inLine) {
                        startLine(parsed[0], true);
                    }
                    atMessageStart = false;
                    prefixFill = 0;
                    return i;
                }
                prefix[prefixFill++] = c;
                if (c == ' ' || c == '\n' || prefixFill == prefix.length) {
                    // Not a timestamp (cannot happen with timestamps=1 unless Docker changes): keep it as text.
                    int n = prefixFill;
                    prefixFill = 0;
                    atMessageStart = false;
                    if (c == '\n') {
                        add(prefix, 0, n - 1);
                        emit();
                        atMessageStart = true;
                    } else {
                        add(prefix, 0, n);
                    }
                    return i;
                }
            }
            return i; // wait for the rest of the prefix
        }

        private void startLine(long timestampNanos, boolean fromDocker) {
            inLine = true;
            lineTimestamp = timestampNanos;
            lineHasTimestamp = fromDocker;
        }

        private void add(byte[] b, int from, int to) {
            if (!inLine) {
                startLine(System.currentTimeMillis() * 1_000_000L, false);
            }
            int length = to - from;
            int room = maxLineBytes - fill;
            if (length > room) {
                dropped += length - Math.max(room, 0);
                length = Math.max(room, 0);
            }
            if (length == 0) {
                return;
            }
            if (fill + length > line.length) {
                byte[] bigger = new byte[Math.min(Math.max(line.length * 2, fill + length), maxLineBytes)];
                System.arraycopy(line, 0, bigger, 0, fill);
                line = bigger;
            }
            System.arraycopy(b, from, line, fill, length);
            fill += length;
        }

        private void emit() {
            int length = fill;
            if (length > 0 && line[length - 1] == '\r') {
                length--; // TTY output ends lines with \r\n
            }
            boolean truncated = dropped > 0;
            if (truncated) {
                length = utf8Boundary(line, length);
            }
            boolean ascii = Utf8.isAscii(line, 0, length);
            boolean valid = ascii || Utf8.isValid(line, 0, length);
            String text = ascii ? new String(line, 0, length, StandardCharsets.ISO_8859_1) : Utf8.decode(line, 0, length);
            if (truncated) {
                text = text + String.format(TRUNCATION_MARKER, maxLineBytes);
            }
            LineDefects defects = truncated || !valid || !lineHasTimestamp
                    ? new LineDefects(truncated, dropped, !valid, !lineHasTimestamp) : LineDefects.NONE;
            long ts = lineTimestamp;
            fill = 0;
            dropped = 0;
            inLine = false;
            if (line.length > 64 * 1024) {
                line = new byte[512]; // do not keep a huge buffer for one huge line
            }
            handler.onLine(isStderr, ts, text, length, defects);
        }

        void flushPartial() {
            if (prefixFill > 0) {
                add(prefix, 0, prefixFill);
                prefixFill = 0;
            }
            if (inLine) {
                emit();
            }
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Shortens {@code length} so the cut does not split a multi-byte character. */
    private static int utf8Boundary(byte[] b, int length) {
        int i = length;
        while (i > 0 && i > length - 4 && (b[i - 1] & 0xC0) == 0x80) {
            i--;
        }
        if (i > 0 && (b[i - 1] & 0x80) != 0) {
            int lead = b[i - 1] & 0xFF;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (length - (i - 1) < need) {
                return i - 1;
            }
        }
        return length;
    }
}
