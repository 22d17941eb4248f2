package io.tritonlogs.collector.supervision;

import io.tritonlogs.collector.testing.TestWorkers;
import io.tritonlogs.common.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WorkersTest {

    @Test
    void aFailingPassIsCountedAndTheLoopGoesOn() {
        Workers workers = TestWorkers.create();
        AtomicInteger passes = new AtomicInteger();
        Thread thread = workers.runSupervised("flaky", () -> true, heartbeat -> {
            if (passes.incrementAndGet() <= 3) {
                throw new IllegalStateException("surprise " + passes.get());
            }
            Thread.sleep(10);
            return true;
        });
        Await.until(Duration.ofSeconds(10), "passes after three failures", () -> passes.get() > 10);
        assertThat(workers.heartbeats().get("flaky").failures()).isEqualTo(3);
        assertThat(workers.heartbeats().get("flaky").lastFailure()).get().asString().contains("surprise 3");
        assertThat(workers.problems(Duration.ofSeconds(5))).isEmpty();
        thread.interrupt();
    }

    @Test
    void aDeadWorkerAndAStalledOneAreReportedButAnIdleOneIsNot() {
        Workers workers = TestWorkers.create();
        workers.runSupervised("dies", () -> true, heartbeat -> {
            throw new OutOfMemoryError("not caught: the JVM is in trouble (injected)");
        });
        CountDownLatch never = new CountDownLatch(1);
        workers.runSupervised("stalls", () -> true, heartbeat -> {
            never.await();
            return true;
        });
        workers.runSupervised("idle", () -> false, heartbeat -> {
            never.await();
            return true;
        });
        Await.until(Duration.ofSeconds(10), "both problems", () -> workers.problems(Duration.ofMillis(300)).size() == 2);
        assertThat(workers.problems(Duration.ofMillis(300))).anySatisfy(p -> assertThat(p).contains("dies has stopped"))
                .anySatisfy(p -> assertThat(p).contains("stalls made no progress"));
        never.countDown();
    }
}
