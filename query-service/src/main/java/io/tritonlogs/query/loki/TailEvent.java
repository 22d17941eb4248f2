package io.tritonlogs.query.loki;

import java.util.Map;

/** What a live tail delivers: an entry as Loki sent it, a count of entries Loki dropped because the reader was too slow, or why it ended. */
public sealed interface TailEvent {

    /** One line: its Unix nanoseconds as Loki wrote them, its stream's labels (in Loki's order) and the raw line. */
    record Entry(String timestampNanos, Map<String, String> labels, String line) implements TailEvent {
    }

    record Dropped(int count) implements TailEvent {
    }

    /** Loki's side ended the tail abnormally (connection lost, close with an error code): the last event. */
    record Ended(String reason) implements TailEvent {
    }
}
