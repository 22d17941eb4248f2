package io.tritonlogs.query.rest;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.correlate.Correlator;
import io.tritonlogs.query.time.TimeParser;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Duration;

/** Logs beside metrics, per model. */
@Path("/api/v1/correlate")
@Produces(MediaType.APPLICATION_JSON)
public class CorrelateResource {

    private final Correlator correlator;
    private final TimeParser time;

    CorrelateResource(Correlator correlator, TimeParser time) {
        this.correlator = correlator;
        this.time = time;
    }

    @GET
    @Operation(summary = "Per model over a window (default 5m): Loki error/warning counts beside Triton's request counts and "
            + "average latencies from Prometheus (when PROMETHEUS_URL is set)")
    public Uni<Correlator.Correlation> correlate(@BeanParam SearchParams params,
                                                 @RestQuery @Parameter(description = "a duration, default 5m") String window,
                                                 @RestQuery("time") @Parameter(description = "end of the window, default now") String at) {
        Duration w = window == null || window.isBlank() ? Duration.ofMinutes(5) : time.duration("window", window);
        return correlator.correlate(params.filters(), w, time.instantOrNow("time", at));
    }
}
