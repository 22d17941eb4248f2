package io.tritonlogs.collector.docker;

/** What the Docker source reports, besides the pipeline's own counters. */
public interface DockerSourceMetrics {
    void lineRepaired(LogStreamDecoder.LineDefects defects);

    void readerPaused();

    /** A container's reader failed unexpectedly and starts again. */
    void readerFailed(Throwable cause);
}
