package io.tritonlogs.collector.health;

import io.tritonlogs.collector.supervision.Heartbeat;
import io.tritonlogs.collector.supervision.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;
import java.util.List;

/**
 * Down when a worker (the shipper, the file reader, Docker discovery) has died or has made no
 * progress for two minutes while work waits for it: a restart of the process is then the cure.
 * A Loki or Docker outage is not such a case: their loops keep trying, and each try is progress.
 */
@Liveness
@ApplicationScoped
public class WorkersLiveness implements HealthCheck {

    static final Duration MAX_SILENCE = Duration.ofMinutes(2);

    private final Workers workers;

    WorkersLiveness(Workers workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("workers");
        for (Heartbeat h : workers.heartbeats().values()) {
            builder.withData(h.worker() + "_failures", h.failures());
        }
        List<String> problems = workers.problems(MAX_SILENCE);
        if (!problems.isEmpty()) {
            builder.withData("problems", String.join("; ", problems));
        }
        return builder.status(problems.isEmpty()).build();
    }
}
