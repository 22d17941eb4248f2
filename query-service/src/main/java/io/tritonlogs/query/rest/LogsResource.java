package io.tritonlogs.query.rest;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.search.LogSearch;
import io.tritonlogs.query.search.Paging;
import io.tritonlogs.query.search.SearchAnswer;
import io.tritonlogs.query.search.SearchFilters;
import io.tritonlogs.query.search.StructuredQueries;
import io.tritonlogs.query.time.TimeParser;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Structured search over Triton's logs, and its error and warning shortcuts. */
@Path("/api/v1/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {

    private final StructuredQueries queries;
    private final LogSearch search;
    private final TimeParser time;
    private final Paging paging;

    LogsResource(StructuredQueries queries, LogSearch search, TimeParser time, Paging paging) {
        this.queries = queries;
        this.search = search;
        this.time = time;
        this.paging = paging;
    }

    @GET
    @Operation(summary = "Search logs by container, service, level, model, text and regex over a time range; "
            + "answers the LogQL it ran and each entry with its labels, raw line and parsed fields")
    public Uni<SearchAnswer> logs(@BeanParam SearchParams params) {
        return run(params, params.filters());
    }

    @GET
    @Path("/errors")
    @Operation(summary = "The same search with level fixed to ERROR and FATAL")
    public Uni<SearchAnswer> errors(@BeanParam SearchParams params) {
        return run(params, params.filters().withLevels(List.of("ERROR", "FATAL")));
    }

    @GET
    @Path("/warnings")
    @Operation(summary = "The same search with level fixed to WARNING")
    public Uni<SearchAnswer> warnings(@BeanParam SearchParams params) {
        return run(params, params.filters().withLevels(List.of("WARNING")));
    }

    private Uni<SearchAnswer> run(SearchParams params, SearchFilters filters) {
        int limit = paging.limit(params.limit);
        String direction = paging.direction(params.direction, "backward");
        var range = time.range(params.start, params.end, params.since);
        return search.run(queries.logs(filters), null, range, limit, direction);
    }
}
