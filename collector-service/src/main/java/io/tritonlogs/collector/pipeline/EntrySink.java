package io.tritonlogs.collector.pipeline;

/** Where finished entries go (the send queue). Accepting never blocks and never drops. */
public interface EntrySink {
    void offer(OutboundEntry entry);
}
