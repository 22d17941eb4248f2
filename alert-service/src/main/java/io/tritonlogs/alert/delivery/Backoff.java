package io.tritonlogs.alert.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: {@code initial * 2^(attempt-1)}, capped at {@code max}, then ± {@code jitter} of it. */
public record Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and 0 <= jitter < 1");
        }
    }

    /** The wait after the {@code attempt}-th failure (1-based). */
    public Duration delay(int attempt) {
        double base = initial.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (random.getAsDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }
}
