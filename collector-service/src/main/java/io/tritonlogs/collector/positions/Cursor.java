package io.tritonlogs.collector.positions;

/**
 * A point in a target's log. For a container: the runtime timestamp of a line and how many lines
 * of the target carried exactly that timestamp up to and including it (timestamps can repeat).
 * For a log file ({@link #atOffset}): the byte offset just after the line, and a checksum of the
 * file's first bytes that tells this file from another that later takes its identity (0: unknown).
 */
public record Cursor(long timestampNanos, int countAtTimestamp) implements Comparable<Cursor> {

    public static final Cursor START = new Cursor(Long.MIN_VALUE, 0);

    public static Cursor atOffset(long byteOffset, int headChecksum) {
        return new Cursor(byteOffset, headChecksum);
    }

    /** A file cursor's byte offset. */
    public long byteOffset() {
        return timestampNanos;
    }

    /** A file cursor's checksum of the file's first bytes. */
    public int headChecksum() {
        return countAtTimestamp;
    }

    /** Whether a line at ({@code timestampNanos}, {@code countAtTimestamp}) was already passed. */
    public boolean covers(long lineTimestampNanos, int lineCountAtTimestamp) {
        return lineTimestampNanos < timestampNanos
                || (lineTimestampNanos == timestampNanos && lineCountAtTimestamp <= countAtTimestamp);
    }

    @Override
    public int compareTo(Cursor other) {
        int byTime = Long.compare(timestampNanos, other.timestampNanos);
        return byTime != 0 ? byTime : Integer.compare(countAtTimestamp, other.countAtTimestamp);
    }
}
