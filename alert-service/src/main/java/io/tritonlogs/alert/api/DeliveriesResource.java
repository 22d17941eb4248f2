package io.tritonlogs.alert.api;

import io.tritonlogs.alert.delivery.DeliveryRecord;
import io.tritonlogs.alert.engine.AlertEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Recent delivery attempts, newest first, and how many notifications wait in the outbox. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    public record DeliveriesView(int pending, List<DeliveryRecord> deliveries) {
    }

    @Inject
    AlertEngine engine;

    /** {@code limit} is read here, not bound as an int: JAX-RS would answer a bad number with a bare 404. */
    @GET
    public Response deliveries(@QueryParam("limit") @DefaultValue("100") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            return Response.status(400).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(400, "Bad limit", "limit: \"" + limit + "\" is not a whole number (1 to 1000)")).build();
        }
        return Response.ok(new DeliveriesView(engine.outbox().entries().size(), engine.deliveries().recent(Math.max(1, Math.min(n, 1000)))))
                .build();
    }
}
