package io.tritonlogs.alert.api;

import io.tritonlogs.alert.delivery.DeliveryLog;
import io.tritonlogs.alert.delivery.DeliveryRecord;
import io.tritonlogs.alert.delivery.Outbox;
import io.tritonlogs.support.rest.Problem;
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
    Outbox outbox;
    @Inject
    DeliveryLog deliveries;

    /** {@code limit} is read here, not bound as an int: JAX-RS would answer a bad number with a bare 404. */
    @GET
    public Response deliveries(@QueryParam("limit") @DefaultValue("100") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            return Problem.of("invalid-parameter", "Bad limit", 400, "limit: \"" + limit + "\" is not a whole number (1 to 1000)")
                    .withParameter("limit").response();
        }
        return Response.ok(new DeliveriesView(outbox.entries().size(), deliveries.recent(Math.max(1, Math.min(n, 1000)))))
                .build();
    }
}
