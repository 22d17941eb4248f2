package io.tritonlogs.collector.health;

import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.Shipper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Down while pushes to Loki are failing and being retried (the buffer is then filling). */
@Readiness
@ApplicationScoped
public class LokiReadiness implements HealthCheck {

    private final Shipper shipper;
    private final SendQueue queue;

    LokiReadiness(Shipper shipper, SendQueue queue) {
        this.shipper = shipper;
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("loki").withData("buffer_bytes", queue.bytes());
        if (shipper.lastError() != null) {
            builder.withData("error", shipper.lastError());
        }
        return builder.status(!shipper.lastAttemptFailed()).build();
    }
}
