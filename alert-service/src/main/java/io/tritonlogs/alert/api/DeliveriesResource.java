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

import java.util.List;

/** Recent delivery attempts, newest first, and how many notifications wait in the outbox. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    public record DeliveriesView(int pending, List<DeliveryRecord> deliveries) {
    }

    @Inject
    AlertEngine engine;

    @GET
    public DeliveriesView deliveries(@QueryParam("limit") @DefaultValue("100") int limit) {
        return new DeliveriesView(engine.outbox().entries().size(), engine.deliveries().recent(Math.max(1, Math.min(limit, 1000))));
    }
}
