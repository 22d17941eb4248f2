package io.tritonlogs.query.loki;

import io.tritonlogs.query.search.LogEntry;

/** What a live tail delivers: an entry, a count of entries Loki dropped because the reader was too slow, or why it ended. */
public sealed interface TailEvent {

    record Entry(LogEntry entry) implements TailEvent {
    }

    record Dropped(int count) implements TailEvent {
    }

    /** Loki's side ended the tail abnormally (connection lost, close with an error code): the last event. */
    record Ended(String reason) implements TailEvent {
    }
}
