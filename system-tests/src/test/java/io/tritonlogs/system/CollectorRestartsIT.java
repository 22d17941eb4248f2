package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector killed (SIGKILL) and started again five times while a container writes 40,000
 * lines at 2,000 lines/s; each instance is killed after it has shipped at least 1,500 more lines.
 * Every written line must be stored once, in order.
 */
class CollectorRestartsIT {

    @Test
    void collectorKilledAndRestartedFiveTimesLosesAndDuplicatesNothing() throws Exception {
        try (CollectorRun run = new CollectorRun("restarts")) {
            run.startAlerting();
            run.write(40_000, 2_000);
            for (int kill = 1; kill <= 5; kill++) {
                ServiceProcess collector = run.startCollector();
                int target = run.stored().size() + 1_500;
                Await.until(Duration.ofSeconds(60), target + " lines stored before kill " + kill, () -> run.stored().size() >= target);
                collector.kill();
            }
            run.startCollector();
            run.finish("collector-killed-5-times", 40_000, Duration.ofSeconds(120));
            // Replays after each kill are the same entries again: the alert on them fires once.
            assertThat(run.hook.accepted("firing")).as("firing notifications").isEqualTo(1);
        }
    }
}
