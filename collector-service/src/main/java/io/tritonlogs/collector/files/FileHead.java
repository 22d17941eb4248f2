package io.tritonlogs.collector.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A log file's first bytes tell one file from another that later got its device and inode (a
 * deleted file's inode is reused) or its place (truncated and written again): a CRI line starts
 * with a nanosecond timestamp, a json-file line with the log text (Triton's glog records carry a
 * microsecond timestamp within their first 30 bytes). A position stores the CRC-32 of the first
 * {@code min(64, offset)} bytes, so the length checked follows from the offset; 0 means "not known"
 * (an empty head, or a position saved before heads were recorded) and matches anything.
 */
final class FileHead {

    static final int BYTES = 64;

    private FileHead() {
    }

    static int length(long offset) {
        return (int) Math.min(BYTES, offset);
    }

    static int checksum(byte[] head, int length) {
        if (length == 0) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(head, 0, length);
        return (int) crc.getValue();
    }

    /** Whether the file still starts as it did when a position at {@code offset} with this checksum was taken. */
    static boolean matches(Path file, long offset, int checksum) throws IOException {
        if (checksum == 0) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] head = new byte[length(offset)];
            return read(channel, head, head.length) == head.length && checksum(head, head.length) == checksum;
        }
    }

    /**
     * The checksum of the file's full head ({@value #BYTES} bytes), or 0 when the file is shorter
     * (too short to tell apart from another) or starts with gzip's magic (a compressed rotation,
     * never read as text: see {@link #isCompressed}).
     */
    static int fullChecksum(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] head = new byte[BYTES];
            return read(channel, head, BYTES) == BYTES ? checksum(head, BYTES) : 0;
        }
    }

    /** Whether the file starts with gzip's magic bytes ({@code 1f 8b}), whatever its name. */
    static boolean isCompressed(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] magic = new byte[2];
            return read(channel, magic, 2) == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b;
        }
    }

    /** Positioned reads from byte 0 until {@code length} bytes or the end; returns how many were read. */
    static int read(FileChannel channel, byte[] into, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) <= 0) {
                break;
            }
        }
        return buffer.position();
    }
}
