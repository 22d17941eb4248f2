package io.tritonlogs.collector.files;

/**
 * How a log file format frames its physical lines: which stream, when, whether more pieces of the
 * line follow, and where the text is. A framing is used by one tailer's thread only.
 */
interface LineFraming {

    /**
     * Frames the physical line {@code b[from, to)} (without its newline), which ends before file
     * offset {@code endOffset}, into {@code out}.
     */
    void frame(byte[] b, int from, int to, long endOffset, Frames out);

    static LineFraming of(LogFileFormat format) {
        return format == LogFileFormat.CRI ? new CriFraming() : new DockerJsonFraming();
    }

    /** Where a framing puts what it read: whole lines (or the last piece of one) go to {@link #line}. */
    interface Frames extends LineSink {

        /** A piece of a longer line that more pieces follow; {@code lineStartOffset}: where its physical line starts. */
        void piece(boolean stderr, long timestampNanos, byte[] b, int from, int to, long lineStartOffset);

        /** A physical line the format does not frame: passed on whole, as stdout, joined to nothing. */
        void malformed(long timestampNanos, byte[] b, int from, int to, long endOffset);

        /** A physical line the format frames but that holds no text: nothing to pass on. */
        void malformedWithoutText();
    }
}
