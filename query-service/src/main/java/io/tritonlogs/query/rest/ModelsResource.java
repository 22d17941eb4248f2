package io.tritonlogs.query.rest;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.stats.Stats;
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

/** The models seen in the logs. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final Stats stats;
    private final TimeParser time;

    ModelsResource(Stats stats, TimeParser time) {
        this.stats = stats;
        this.time = time;
    }

    @GET
    @Operation(summary = "Models with entries in the window (default 1h), each with its entry, error and warning counts")
    public Uni<Stats.ModelStats> models(@BeanParam SearchParams params,
                                        @RestQuery @Parameter(description = "a duration, default 1h") String window,
                                        @RestQuery("time") @Parameter(description = "end of the window, default now") String at) {
        Duration w = window == null || window.isBlank() ? Duration.ofHours(1) : time.duration("window", window);
        return stats.modelsSeen(params.filters(), w, time.instantOrNow("time", at));
    }
}
