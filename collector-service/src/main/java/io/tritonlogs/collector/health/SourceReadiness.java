package io.tritonlogs.collector.health;

import io.tritonlogs.collector.runtime.CollectorRuntime;
import io.tritonlogs.collector.source.LogSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the source can read: Docker answers and its event stream is open, or the log directory is readable. */
@Readiness
@ApplicationScoped
public class SourceReadiness implements HealthCheck {

    private final CollectorRuntime runtime;

    SourceReadiness(CollectorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        if (runtime.source().isEmpty()) {
            return HealthCheckResponse.named("source").down().withData("error", "no source started").build();
        }
        LogSource source = runtime.source().get();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(source.kind()).withData("targets", source.targetCount());
        source.lastError().ifPresent(error -> builder.withData("error", error));
        return builder.status(source.healthy()).build();
    }
}
