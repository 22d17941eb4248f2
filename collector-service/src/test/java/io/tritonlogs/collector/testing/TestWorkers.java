package io.tritonlogs.collector.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tritonlogs.collector.shipping.Backoff;
import io.tritonlogs.collector.supervision.Workers;

import java.time.Duration;

/** Supervised workers for tests and harnesses: their own registry, quick restarts. */
public final class TestWorkers {
    private TestWorkers() {
    }

    public static Workers create() {
        return new Workers(new SimpleMeterRegistry(), new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
    }
}
