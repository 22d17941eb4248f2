package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loki gone for 60 s under load: a container writes 70,000 lines at 1,000 lines/s; after the
 * first 3,000 are stored, the TCP proxy between the collector and Loki (or the push stand-in)
 * closes its port and every open connection for 60 s (connection refused and reset, as a stopped
 * Loki), then listens again. Every written line must be stored once, in order.
 */
class LokiOutageIT {

    @Test
    void lokiStoppedForSixtySecondsUnderLoadLosesAndDuplicatesNothing() throws Exception {
        try (CollectorRun run = new CollectorRun("outage")) {
            ServiceProcess collector = run.startCollector();
            run.write(70_000, 1_000);
            Await.until(Duration.ofSeconds(60), "3,000 lines stored", () -> run.stored().size() >= 3_000);
            run.proxy.stop();
            Thread.sleep(2_000); // a push already handed to Loki before the stop may still complete
            int before = run.stored().size();
            Thread.sleep(58_000);
            assertThat(run.stored().size()).as("nothing arrives while Loki is gone").isEqualTo(before);
            assertThat(collector.metrics()).containsPattern("collector_push_retries_total\\{cause=\"connection\"} [1-9]");
            run.proxy.start();
            run.finish("loki-outage-60s", 70_000, Duration.ofSeconds(120));
        }
    }
}
