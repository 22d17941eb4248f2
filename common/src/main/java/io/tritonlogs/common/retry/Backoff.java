package io.tritonlogs.common.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff: retry {@code n} (1 for the first retry, after the first failure) waits
 * {@code initial * 2^(n-1)}, capped at {@code max}, then spread by a {@link Jitter} so that many
 * clients do not retry in step. A server's {@code Retry-After} is honoured when it asks for longer,
 * still capped at {@code max}. Immutable and thread-safe.
 */
public record Backoff(Duration initial, Duration max, Jitter jitter, DoubleSupplier random) {

    /** How a capped delay is spread. */
    public interface Jitter {
        /** The delay as computed. */
        record None() implements Jitter {
        }

        /** Between half and all of the delay ("equal jitter"). */
        record Equal() implements Jitter {
        }

        /** The delay ± {@code fraction} of it, {@code 0 <= fraction < 1}. */
        record Proportional(double fraction) implements Jitter {
            public Proportional {
                if (fraction < 0 || fraction >= 1) {
                    throw new IllegalArgumentException("jitter needs 0 <= fraction < 1, was " + fraction);
                }
            }
        }
    }

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    /** No jitter: for one client retrying one local resource (a Docker socket, a stream). */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, new Jitter.None(), () -> 0.5);
    }

    /** Between half and all of the exponential delay. */
    public static Backoff equalJitter(Duration initial, Duration max) {
        return new Backoff(initial, max, new Jitter.Equal(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The exponential delay ± {@code fraction} of it. */
    public static Backoff proportionalJitter(Duration initial, Duration max, double fraction) {
        return new Backoff(initial, max, new Jitter.Proportional(fraction), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same backoff drawing its jitter from {@code source} (values in [0, 1)); for tests. */
    public Backoff withRandom(DoubleSupplier source) {
        return new Backoff(initial, max, jitter, source);
    }

    /** The wait before retry {@code retry} (1-based: 1 after the first failure). */
    public Duration delay(int retry) {
        return delay(retry, null);
    }

    /** The wait before retry {@code retry}, at least {@code retryAfter} when given (never more than {@code max}). */
    public Duration delay(int retry, Duration retryAfter) {
        long cap = max.toMillis();
        long base = Math.min(cap, initial.toMillis() << Math.min(Math.max(retry - 1, 0), 30));
        if (base < 0) {
            base = cap;
        }
        long spread = base;
        if (jitter instanceof Jitter.Equal) {
            spread = base / 2 + (long) Math.floor(random.getAsDouble() * (base / 2 + 1));
        } else if (jitter instanceof Jitter.Proportional p) {
            spread = Math.max(1, Math.round(base * (1 + p.fraction() * (random.getAsDouble() * 2 - 1))));
        }
        if (retryAfter != null && retryAfter.toMillis() > spread) {
            spread = Math.min(retryAfter.toMillis(), cap);
        }
        return Duration.ofMillis(spread);
    }
}
