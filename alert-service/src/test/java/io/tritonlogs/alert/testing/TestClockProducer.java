package io.tritonlogs.alert.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** Replaces the system clock in {@code @QuarkusTest}s with one the tests move. */
@Singleton
public class TestClockProducer {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
