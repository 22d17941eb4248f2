package io.tritonlogs.collector.api;

import io.tritonlogs.collector.source.TargetStatus;
import io.tritonlogs.collector.runtime.CollectorRuntime;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    private final CollectorRuntime runtime;

    TargetsResource(CollectorRuntime runtime) {
        this.runtime = runtime;
    }

    /** The followed targets, their positions and last errors. */
    @GET
    @Operation(summary = "Followed containers or log files with their acknowledged and read positions and last error")
    public TargetsAnswer targets() {
        List<TargetStatus> targets = runtime.source().map(source -> source.targets()).orElse(List.of());
        return new TargetsAnswer(targets.size(), runtime.queue().bytes(), runtime.queue().maxBytes(), targets);
    }

    /** @param bufferBytes bytes waiting to be acknowledged by Loki */
    public record TargetsAnswer(int count, long bufferBytes, long bufferMaxBytes, List<TargetStatus> targets) {
    }
}
