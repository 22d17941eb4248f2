package io.tritonlogs.common.loki;

import io.airlift.compress.snappy.SnappyCompressor;

import io.tritonlogs.common.text.Utf8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a Loki {@code logproto.PushRequest} and compresses it with block snappy, the body of
 * {@code POST /loki/api/v1/push} with {@code Content-Type: application/x-protobuf}. The protobuf
 * wire format is written by hand into reused buffers (no generated classes, no per-entry
 * objects); snappy is aircompressor's pure-Java implementation, which works in a native image.
 *
 * <p>Not thread-safe: one encoder per shipping thread. The buffer returned by {@link #encode}
 * is valid until the next call.
 */
public final class ProtobufPushEncoder {

    private static final int TAG_STREAMS = (1 << 3) | 2;
    private static final int TAG_LABELS = (1 << 3) | 2;
    private static final int TAG_ENTRIES = (2 << 3) | 2;
    private static final int TAG_TIMESTAMP = (1 << 3) | 2;
    private static final int TAG_LINE = (2 << 3) | 2;
    private static final int TAG_METADATA = (3 << 3) | 2;
    private static final int TAG_PAIR_NAME = (1 << 3) | 2;
    private static final int TAG_PAIR_VALUE = (2 << 3) | 2;
    private static final int TAG_SECONDS = 1 << 3;
    private static final int TAG_NANOS = 2 << 3;

    private static final int PAIR_SLOTS = 1024;

    private final SnappyCompressor snappy = new SnappyCompressor();
    private final Label[] pairKeys = new Label[PAIR_SLOTS];
    private final byte[][] pairBytes = new byte[PAIR_SLOTS][];
    private byte[] raw = new byte[64 * 1024];
    private byte[] compressed = new byte[64 * 1024];
    private byte[][] lineBytes = new byte[1024][];
    private int position;

    /** Encodes and compresses; the returned buffer is a view of an internal array. */
    public ByteBuffer encode(List<PushStream> streams) {
        int rawLength = encodeUncompressed(streams);
        int max = snappy.maxCompressedLength(rawLength);
        if (compressed.length < max) {
            compressed = new byte[Math.max(max, compressed.length * 2)];
        }
        int length = snappy.compress(raw, 0, rawLength, compressed, 0, compressed.length);
        return ByteBuffer.wrap(compressed, 0, length);
    }

    /** Encodes and compresses into a new array. */
    public byte[] encodeToArray(List<PushStream> streams) {
        ByteBuffer buffer = encode(streams);
        return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    }

    /** The uncompressed protobuf bytes of the last {@link #encode} call's request, for tests and size accounting. */
    public byte[] encodeUncompressedToArray(List<PushStream> streams) {
        int length = encodeUncompressed(streams);
        return Arrays.copyOf(raw, length);
    }

    private int encodeUncompressed(List<PushStream> streams) {
        position = 0;
        for (PushStream stream : streams) {
            List<PushEntry> entries = EntryOrder.sorted(stream.entries());
            byte[] labels = stream.labels().render().getBytes(StandardCharsets.UTF_8);
            int labelBytes = labels.length;
            if (lineBytes.length < entries.size()) {
                lineBytes = new byte[Math.max(entries.size(), lineBytes.length * 2)][];
            }
            long streamSize = 1 + varintSize(labelBytes) + labelBytes;
            for (int i = 0; i < entries.size(); i++) {
                PushEntry entry = entries.get(i);
                // The JDK's encoder is an intrinsic for ASCII text; it writes '?' for a lone surrogate.
                byte[] utf8 = entry.line().getBytes(StandardCharsets.UTF_8);
                lineBytes[i] = utf8;
                int bytes = utf8.length;
                int entrySize = entrySize(entry.timestampNanos(), bytes) + metadataSize(entry.structuredMetadata());
                streamSize += 1 + varintSize(entrySize) + entrySize;
            }
            if (streamSize > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("one push stream would be over 2 GiB: split the batch");
            }
            ensureCapacity(1 + 5 + streamSize);
            writeTag(TAG_STREAMS);
            writeVarint(streamSize);
            writeTag(TAG_LABELS);
            writeVarint(labelBytes);
            writeBytes(labels);
            for (int i = 0; i < entries.size(); i++) {
                PushEntry entry = entries.get(i);
                byte[] utf8 = lineBytes[i];
                lineBytes[i] = null;
                int bytes = utf8.length;
                long seconds = Math.floorDiv(entry.timestampNanos(), 1_000_000_000L);
                int nanos = (int) Math.floorMod(entry.timestampNanos(), 1_000_000_000L);
                writeTag(TAG_ENTRIES);
                writeVarint(entrySize(entry.timestampNanos(), bytes) + metadataSize(entry.structuredMetadata()));
                writeTag(TAG_TIMESTAMP);
                writeVarint(timestampSize(seconds, nanos));
                if (seconds != 0) {
                    writeTag(TAG_SECONDS);
                    writeVarint(seconds);
                }
                if (nanos != 0) {
                    writeTag(TAG_NANOS);
                    writeVarint(nanos);
                }
                if (bytes > 0) {
                    writeTag(TAG_LINE);
                    writeVarint(bytes);
                    writeBytes(utf8);
                }
                writeMetadata(entry.structuredMetadata());
            }
        }
        return position;
    }

    private static int entrySize(long timestampNanos, int lineBytes) {
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(timestampNanos, 1_000_000_000L);
        int ts = timestampSize(seconds, nanos);
        int size = 1 + varintSize(ts) + ts;
        if (lineBytes > 0) {
            size += 1 + varintSize(lineBytes) + lineBytes;
        }
        return size;
    }

    /** {@code repeated LabelPairAdapter structuredMetadata = 3}: each pair a {@code name = 1}, {@code value = 2} message. */
    private int metadataSize(List<Label> metadata) {
        int size = 0;
        for (int i = 0; i < metadata.size(); i++) {
            int pair = encodedPair(metadata.get(i)).length;
            size += 1 + varintSize(pair) + pair;
        }
        return size;
    }

    private void writeMetadata(List<Label> metadata) {
        for (int i = 0; i < metadata.size(); i++) {
            byte[] pair = encodedPair(metadata.get(i));
            writeTag(TAG_METADATA);
            writeVarint(pair.length);
            writeBytes(pair);
        }
    }

    /**
     * A label's {@code LabelPairAdapter} message. Pipelines reuse one Label instance for what
     * repeats ({@code pid}, a {@code source}), so the bytes are kept by identity in a small
     * direct-mapped cache: sizing and writing an entry then allocate nothing.
     */
    private byte[] encodedPair(Label label) {
        int slot = System.identityHashCode(label) & (PAIR_SLOTS - 1);
        if (pairKeys[slot] == label) {
            return pairBytes[slot];
        }
        int nameBytes = Utf8.length(label.name());
        int valueBytes = Utf8.length(label.value());
        byte[] pair = new byte[stringFieldSize(nameBytes) + stringFieldSize(valueBytes)];
        int at = writeStringField(pair, 0, TAG_PAIR_NAME, label.name(), nameBytes);
        writeStringField(pair, at, TAG_PAIR_VALUE, label.value(), valueBytes);
        pairKeys[slot] = label;
        pairBytes[slot] = pair;
        return pair;
    }

    private static int stringFieldSize(int bytes) {
        return bytes == 0 ? 0 : 1 + varintSize(bytes) + bytes;
    }

    private static int writeStringField(byte[] into, int at, int tag, String value, int utf8Length) {
        if (utf8Length == 0) {
            return at;
        }
        into[at++] = (byte) tag;
        long length = utf8Length;
        while ((length & ~0x7FL) != 0) {
            into[at++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        into[at++] = (byte) length;
        return Utf8.encode(value, into, at);
    }

    private static int timestampSize(long seconds, int nanos) {
        int size = 0;
        if (seconds != 0) {
            size += 1 + varintSize(seconds);
        }
        if (nanos != 0) {
            size += 1 + varintSize(nanos);
        }
        return size;
    }

    static int varintSize(long value) {
        if (value < 0) {
            return 10;
        }
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private void ensureCapacity(long extra) {
        long needed = position + extra;
        if (needed > raw.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("push request would be over 2 GiB: split the batch");
            }
            raw = Arrays.copyOf(raw, (int) Math.max(needed, Math.min((long) raw.length * 2, Integer.MAX_VALUE - 16)));
        }
    }

    private void writeTag(int tag) {
        raw[position++] = (byte) tag;
    }

    private void writeVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            raw[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        raw[position++] = (byte) value;
    }

    private void writeBytes(byte[] bytes) {
        System.arraycopy(bytes, 0, raw, position, bytes.length);
        position += bytes.length;
    }
}
