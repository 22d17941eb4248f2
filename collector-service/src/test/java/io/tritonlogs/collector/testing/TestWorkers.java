package io.tritonlogs.collector.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.common.retry.Backoff;

import java.time.Duration;

/** Supervised workers for tests and harnesses: their own registry, quick restarts. */
public final class TestWorkers {
    private TestWorkers() {
    }

    public static Workers create() {
        return new Workers(new SimpleMeterRegistry(), Backoff.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1)));
    }
}
