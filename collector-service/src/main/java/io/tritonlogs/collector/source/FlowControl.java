package io.tritonlogs.collector.source;

/**
 * How a source learns that what is downstream of it is full, and when it may read again. The
 * source package owns this contract; the shipping side implements it, so sources never depend on
 * how lines are buffered or shipped.
 */
public interface FlowControl {

    /** Whether the source should stop reading now. */
    boolean isFull();

    /** Runs {@code resume} once there is room again (now, if there already is). */
    void whenBelowLowWatermark(Runnable resume);
}
