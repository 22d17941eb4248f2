package io.tritonlogs.collector.files;

/** Takes one log line of a file: its text {@code b[from, to)}, stream, timestamp and the file offset after its physical line. */
@FunctionalInterface
interface LineSink {
    void line(boolean stderr, long timestampNanos, byte[] b, int from, int to, long endOffset);
}
