package io.tritonlogs.collector.health;

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

    private final LogSource source;

    SourceReadiness(LogSource source) {
        this.source = source;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(source.kind()).withData("targets", source.targetCount());
        source.lastError().ifPresent(error -> builder.withData("error", error));
        return builder.status(source.healthy()).build();
    }
}
