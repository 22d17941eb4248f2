package io.tritonlogs.collector.api;

import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.source.TargetStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    private final LogSource source;
    private final SendQueue queue;

    TargetsResource(LogSource source, SendQueue queue) {
        this.source = source;
        this.queue = queue;
    }

    /** The followed targets, their positions and last errors. */
    @GET
    @Operation(summary = "Followed containers or log files with their acknowledged and read positions and last error")
    public TargetsAnswer targets() {
        List<TargetStatus> targets = source.targets();
        return new TargetsAnswer(targets.size(), queue.bytes(), queue.maxBytes(), targets);
    }

    /** @param bufferBytes bytes waiting to be acknowledged by Loki */
    public record TargetsAnswer(int count, long bufferBytes, long bufferMaxBytes, List<TargetStatus> targets) {
    }
}
