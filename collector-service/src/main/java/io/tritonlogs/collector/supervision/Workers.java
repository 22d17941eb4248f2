package io.tritonlogs.collector.supervision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.tritonlogs.common.retry.Backoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The collector's long-lived workers and their heartbeats. {@link #runSupervised} runs a worker's
 * loop on a thread of its own: an unexpected failure is logged with its cause, counted in
 * {@code collector_worker_failures_total{worker}}, and the loop goes on after a backoff, so no
 * surprise ends a worker silently. The liveness check asks {@link #problems}.
 */
public final class Workers {

    /**
     * One pass of a worker's loop; returns false when the worker should end (it was stopped). A
     * pass that takes long on purpose (retrying a push while Loki is down) beats in between.
     */
    @FunctionalInterface
    public interface Pass {
        boolean run(Heartbeat heartbeat) throws Exception;
    }

    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    public Workers(MeterRegistry registry, Backoff backoff) {
        this.registry = registry;
        this.backoff = backoff;
    }

    /** A heartbeat for a worker that runs elsewhere (an event loop): it beats, this only watches. */
    public Heartbeat heartbeat(String worker, BooleanSupplier workWaiting) {
        Heartbeat heartbeat = new Heartbeat(worker, workWaiting);
        heartbeats.put(worker, heartbeat);
        return heartbeat;
    }

    /** Starts {@code pass} in a loop on a daemon thread named {@code worker}, supervised. */
    public Thread runSupervised(String worker, BooleanSupplier workWaiting, Pass pass) {
        Heartbeat heartbeat = heartbeat(worker, workWaiting);
        Counter failures = failureCounter(registry, worker);
        Thread thread = new Thread(() -> loop(heartbeat, failures, pass), worker);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@code collector_worker_failures_total{worker}}. */
    public static Counter failureCounter(MeterRegistry registry, String worker) {
        return Counter.builder("collector_worker_failures").tag("worker", worker)
                .description("Unexpected failures of a worker, each logged and followed by a restart of its loop").register(registry);
    }

    private void loop(Heartbeat heartbeat, Counter failures, Pass pass) {
        int failuresInARow = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (!pass.run(heartbeat)) {
                        return;
                    }
                    heartbeat.beat();
                    failuresInARow = 0;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | StackOverflowError | AssertionError e) {
                    heartbeat.failed(e);
                    failures.increment();
                    Duration delay = backoff.delay(++failuresInARow);
                    Log.errorf(e, "%s failed unexpectedly (%d in a row); starting it again in %d ms", heartbeat.worker(), failuresInARow,
                            delay.toMillis());
                    try {
                        Thread.sleep(delay.toMillis());
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        } finally {
            heartbeat.ended();
        }
    }

    /** Every worker that is dead or stalled, with why. */
    public List<String> problems(Duration maxSilence) {
        List<String> problems = new ArrayList<>();
        heartbeats.values().forEach(h -> h.problem(maxSilence).ifPresent(problems::add));
        return problems;
    }

    public Map<String, Heartbeat> heartbeats() {
        return Map.copyOf(heartbeats);
    }
}
