package io.tritonlogs.query.loki;

import io.tritonlogs.query.search.LogEntry;

/** What a live tail delivers: an entry, or a count of entries Loki dropped because the reader was too slow. */
public sealed interface TailEvent {

    record Entry(LogEntry entry) implements TailEvent {
    }

    record Dropped(int count) implements TailEvent {
    }
}
