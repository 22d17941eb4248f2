package io.tritonlogs.collector.supervision;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What one long-lived worker (the shipper, a source's reader or discovery loop) tells the
 * liveness check: that it still makes progress, how often it failed, and whether work waits for
 * it. Written by the worker, read by the health check.
 */
public final class Heartbeat {

    private final String worker;
    private final BooleanSupplier workWaiting;
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastBeatNanos = System.nanoTime();
    private volatile boolean ended;
    private volatile String lastFailure;

    Heartbeat(String worker, BooleanSupplier workWaiting) {
        this.worker = worker;
        this.workWaiting = workWaiting;
    }

    public String worker() {
        return worker;
    }

    /** A pass of the worker's loop completed (work done, or rightly none to do). */
    public void beat() {
        lastBeatNanos = System.nanoTime();
    }

    /** The worker caught an unexpected failure and is about to try again. */
    void failed(Throwable cause) {
        failures.incrementAndGet();
        lastFailure = cause.toString();
    }

    /** The worker's thread ended for good (only a stop should do that). */
    void ended() {
        ended = true;
    }

    public long failures() {
        return failures.get();
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Why this worker is not live: dead, or silent longer than {@code maxSilence} while work waits for it. */
    public Optional<String> problem(Duration maxSilence) {
        if (ended) {
            return Optional.of(worker + " has stopped");
        }
        long silentNanos = System.nanoTime() - lastBeatNanos;
        if (silentNanos > maxSilence.toNanos() && workWaiting.getAsBoolean()) {
            return Optional.of(worker + " made no progress for " + Duration.ofNanos(silentNanos).toSeconds() + " s while work waits"
                    + lastFailure().map(f -> " (last failure: " + f + ")").orElse(""));
        }
        return Optional.empty();
    }
}
