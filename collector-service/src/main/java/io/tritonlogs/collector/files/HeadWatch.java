package io.tritonlogs.collector.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The first bytes of a file being read, learnt as they are written. A size check alone misses a
 * copytruncate when the writer has outgrown the old size before the file is read again; then the
 * first bytes differ from those first seen (each line starts with its timestamp). Used by one
 * tailer's thread only.
 */
final class HeadWatch {

    private final byte[] head = new byte[FileHead.BYTES];
    private final byte[] now = new byte[FileHead.BYTES];
    private int length;
    private int fullChecksum;

    /** Whether the file, {@code size} bytes long, still starts as first seen: one small positioned read. */
    boolean unchanged(FileChannel channel, long size) throws IOException {
        int want = Math.max(length, FileHead.length(size));
        if (want == 0) {
            return true;
        }
        int n = FileHead.read(channel, now, want);
        if (n < length || !Arrays.equals(head, 0, length, now, 0, length)) {
            return false;
        }
        if (n > length) {
            System.arraycopy(now, length, head, length, n - length);
            length = n;
            if (length == FileHead.BYTES) {
                fullChecksum = FileHead.checksum(head, length);
            }
        }
        return true;
    }

    /**
     * The checksum a position at {@code endOffset} stores; 0 ("unknown") in the rare case of a line
     * inside the first bytes that grew after this pass's head check.
     */
    int checksumAt(long endOffset) {
        int checked = FileHead.length(endOffset);
        if (checked == FileHead.BYTES && length == FileHead.BYTES) {
            return fullChecksum;
        }
        return checked <= length ? FileHead.checksum(head, checked) : 0;
    }

    /** The checksum of the file's first {@value FileHead#BYTES} bytes as read, or 0 while it is shorter. */
    int fullChecksum() {
        return fullChecksum;
    }

    /** The file was truncated: its head is learnt again. */
    void forget() {
        length = 0;
        fullChecksum = 0;
    }
}
