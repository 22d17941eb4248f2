package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dockerd restarted while a container writes: 20,000 lines at 1,000 lines/s; after 3,000 are
 * stored dockerd gets SIGTERM (the container stops with it, no live-restore) and is started again
 * with the same arguments; the test then runs {@code docker start} on the container, which writes
 * a second run of 20,000 distinct lines. Every line {@code docker logs} shows for both runs must be
 * stored once, in order. The engine is restored in a {@code finally} whatever happens. Runs as root
 * against a dockerd started by hand (as {@code .ci/run} does); skipped elsewhere.
 */
class DockerdRestartIT {

    @Test
    void dockerdRestartedLosesAndDuplicatesNothing() throws Exception {
        // CI (.ci/run) and the dev machines run dockerd by hand as root; a systemd- or Desktop-managed engine is not restarted here.
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Dockerd.visible(),
                "needs root and a dockerd process on this machine (as .ci/run starts it)");
        try (CollectorRun run = new CollectorRun("dockerd")) {
            try {
                run.startCollector();
                run.startAlerting();
                run.write(20_000, 1_000);
                Await.until(Duration.ofSeconds(60), "3,000 lines stored", () -> run.stored().size() >= 3_000);
                Dockerd.restart();
                Busybox.run(true, "docker", "start", run.container);
                int firstRun = (int) Suite.writtenLines(run.container).stream().filter(l -> l.contains("] run 1 line")).count();
                Suite.report("dockerd: the first run wrote " + firstRun + " lines before dockerd stopped it");
                run.finish("dockerd-restarted", firstRun + 20_000, Duration.ofSeconds(150));
                assertThat(run.hook.accepted("firing")).as("firing notifications").isEqualTo(1);
            } finally {
                Dockerd.ensureRunning();
            }
        }
    }
}
