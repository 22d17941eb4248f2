package io.tritonlogs.query.rest;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.stats.Stats;
import io.tritonlogs.query.time.TimeParser;
import io.tritonlogs.query.time.TimeRange;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Duration;

/** The dashboard's stat panels and the rate graph. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final Stats stats;
    private final TimeParser time;
    private final int maxPoints;

    StatsResource(Stats stats, TimeParser time, QueryConfig config) {
        this.stats = stats;
        this.time = time;
        this.maxPoints = config.limits().maxPoints();
    }

    @GET
    @Path("/levels")
    @Operation(summary = "Entries by level over a window (default 5m) ending at time (default now)")
    public Uni<Stats.LevelCounts> levels(@BeanParam SearchParams params,
                                         @RestQuery @Parameter(description = "a duration, default 5m") String window,
                                         @RestQuery("time") @Parameter(description = "end of the window, default now") String at) {
        return stats.levels(params.filters(), window(window), time.instantOrNow("time", at));
    }

    @GET
    @Path("/models")
    @Operation(summary = "Errors (ERROR and FATAL) and warnings per model over a window (default 5m), most errors first")
    public Uni<Stats.ModelStats> models(@BeanParam SearchParams params,
                                        @RestQuery @Parameter(description = "a duration, default 5m") String window,
                                        @RestQuery("time") @Parameter(description = "end of the window, default now") String at) {
        return stats.models(params.filters(), window(window), time.instantOrNow("time", at));
    }

    @GET
    @Path("/rate")
    @Operation(summary = "Entries per second by level as time series from start to end every step")
    public Uni<Stats.RateSeries> rate(@BeanParam SearchParams params,
                                      @RestQuery @Parameter(description = "a duration or seconds; default: the range / 60, at least 1s") String step,
                                      @RestQuery @Parameter(description = "the rate's range, default the step (at least 1m)") String window) {
        TimeRange range = time.range(params.start, params.end, params.since);
        Duration stepDuration;
        if (step == null || step.isBlank()) {
            stepDuration = Duration.ofSeconds(Math.max(1, (range.length().toSeconds() + 59) / 60));
        } else {
            stepDuration = time.step("step", step);
        }
        if (range.length().toMillis() / Math.max(1, stepDuration.toMillis()) > maxPoints) {
            throw new InvalidParameterException("step", "step " + step + " gives more than " + maxPoints + " points over the range; use a larger step");
        }
        Duration rateWindow = window == null || window.isBlank()
                ? (stepDuration.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : stepDuration)
                : time.duration("window", window);
        return stats.rate(params.filters(), range, stepDuration, rateWindow);
    }

    private Duration window(String text) {
        return text == null || text.isBlank() ? Duration.ofMinutes(5) : time.duration("window", text);
    }
}
