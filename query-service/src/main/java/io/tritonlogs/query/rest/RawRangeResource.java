package io.tritonlogs.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.query.search.RawQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code POST /api/v1/query_range}: raw LogQL over a time range. */
@Path("/api/v1/query_range")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RawRangeResource {

    private final RawQueries raw;

    RawRangeResource(RawQueries raw) {
        this.raw = raw;
    }

    @POST
    @Operation(summary = "Run LogQL from start to end (step for metric queries); answers Loki's data")
    public Uni<JsonNode> range(RawQueryResource.RangeRequest request) {
        if (request == null) {
            throw new InvalidParameterException("query", "send a JSON body {\"query\": \"…\", \"start\": …, \"end\": …}");
        }
        return raw.range(request.query(), request.start(), request.end(), request.since(), request.step(), request.limit(),
                request.direction());
    }
}
