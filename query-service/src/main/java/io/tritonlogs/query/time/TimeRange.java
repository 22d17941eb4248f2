package io.tritonlogs.query.time;

import java.time.Duration;
import java.time.Instant;

/** A checked time range: {@code start} strictly before {@code end}. */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
