package io.tritonlogs.collector.health;

import io.tritonlogs.collector.docker.DockerSource;
import io.tritonlogs.collector.runtime.CollectorRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the Docker Engine API answers and its event stream is open. */
@Readiness
@ApplicationScoped
public class DockerReadiness implements HealthCheck {

    private final CollectorRuntime runtime;

    DockerReadiness(CollectorRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("docker");
        if (runtime.docker().isEmpty()) {
            return builder.up().withData("source", "not docker").build();
        }
        DockerSource docker = runtime.docker().get();
        builder.withData("followed", docker.followedCount());
        docker.lastError().ifPresent(error -> builder.withData("error", error));
        return builder.status(docker.connected()).build();
    }
}
