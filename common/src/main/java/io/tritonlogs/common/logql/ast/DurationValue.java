package io.tritonlogs.common.logql.ast;

import java.time.Duration;

/** A duration as written ({@code 5m}, {@code 1h30m}, {@code -2s}) and its value. */
public record DurationValue(String text, Duration value) {

    public DurationValue {
        if (text == null || text.isEmpty() || value == null) {
            throw new IllegalArgumentException("a duration needs its text and value");
        }
    }
}
