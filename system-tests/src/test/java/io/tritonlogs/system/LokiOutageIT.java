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
 * Loki), then listens again. Every written line must be stored once, in order. The alert-service
 * loses Loki for the same 60 s (and until the collector's backlog is stored): its rule, firing
 * before, is reported failing and is neither resolved nor notified again.
 */
class LokiOutageIT {

    @Test
    void lokiStoppedForSixtySecondsUnderLoadLosesAndDuplicatesNothing() throws Exception {
        try (CollectorRun run = new CollectorRun("outage")) {
            ServiceProcess collector = run.startCollector();
            ServiceProcess alert = run.startAlerting();
            run.write(70_000, 1_000);
            Await.until(Duration.ofSeconds(60), "3,000 lines stored", () -> run.stored().size() >= 3_000);
            Await.until(Duration.ofSeconds(60), "the writer's alert firing before the outage", () -> run.hook.accepted("firing") == 1);
            run.proxy.stop();
            run.queryProxy.stop();
            Thread.sleep(2_000); // a push already handed to Loki before the stop may still complete
            int before = run.stored().size();
            Thread.sleep(58_000);
            assertThat(run.stored().size()).as("nothing arrives while Loki is gone").isEqualTo(before);
            assertThat(collector.metrics()).containsPattern("collector_push_retries_total\\{cause=\"connection\"} [1-9]");
            // The alert-service cannot evaluate: it says so, and neither resolves nor repeats the alert.
            assertThat(alert.get("/api/v1/rules")).contains("\"health\":\"err\"");
            assertThat(alert.metrics()).containsPattern("alert_evaluation_failures_total\\{[^}]*rule=\"WriterBusy\"[^}]*} [1-9]");
            assertThat(run.hook.accepted()).as("notifications while Loki was gone: the one firing before it").hasSize(1);
            // The collector's way back first: the alert-service sees Loki again once the backlog is in,
            // as with a Loki that comes back behind a collector that kept the lines. A real Loki that
            // answered before the backlog arrived would rightly count too few lines in the rule's last
            // minute and resolve, then fire again once the backlog came.
            run.proxy.start();
            Await.until(Duration.ofSeconds(120), "the backlog stored", () -> run.stored().size() >= 70_000);
            run.queryProxy.start();
            Await.until(Duration.ofSeconds(60), "evaluations succeeding again", () -> alert.get("/api/v1/rules").contains("\"health\":\"ok\""));
            run.finish("loki-outage-60s", 70_000, Duration.ofSeconds(120));
            assertThat(run.hook.accepted("firing")).as("the alert fired once, outage or not").isEqualTo(1);
            assertThat(run.hook.accepted("resolved")).as("resolved at most once, and only after evaluations came back").isLessThanOrEqualTo(1);
        }
    }
}
