package io.tritonlogs.collector.shipping;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of
 * {@code min * 2^n}, capped at {@code max}, so many collectors do not retry in step.
 * A server's {@code Retry-After} is honoured when it asks for longer (capped at {@code max}).
 */
public record Backoff(Duration min, Duration max) {

    public Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, was " + min + " and " + max);
        }
    }

    public Duration delay(int attempt, Duration retryAfter) {
        long cap = max.toMillis();
        long base = Math.min(cap, min.toMillis() << Math.min(attempt, 30));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            jittered = Math.min(retryAfter.toMillis(), cap);
        }
        return Duration.ofMillis(jittered);
    }
}
