package io.tritonlogs.alert.api;

import io.tritonlogs.alert.delivery.Deliverer;
import io.tritonlogs.alert.delivery.DeliveryRecord;
import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.eval.AlertStateMachine;
import io.tritonlogs.alert.notify.Notification;
import io.tritonlogs.alert.notify.Receiver;
import io.tritonlogs.alert.notify.ReceiversFile;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test-fires a receiver: one firing notification of a {@code TestAlert}, sent now (not through the outbox). */
@Path("/api/v1/receivers")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiversResource {

    @Inject
    ReceiversFile receivers;
    @Inject
    Deliverer deliverer;
    @Inject
    Clock clock;

    @POST
    @Path("/{name}/test")
    public Response test(@PathParam("name") String name) {
        Receiver receiver = receivers.current().receivers().get(name);
        if (receiver == null) {
            throw new UnknownReceiverException(name);
        }
        Instant now = clock.instant();
        Map<String, String> labels = Map.of("alertname", "TestAlert", "severity", "info");
        Alert alert = new Alert("test", AlertStateMachine.fingerprint(labels), labels,
                Map.of("summary", "Test notification from alert-service"), AlertState.FIRING, 1, now, now, now, null);
        Notification n = new Notification("test-" + UUID.randomUUID(), name, "{}/test:{alertname=\"TestAlert\"}", "firing",
                Map.of("alertname", "TestAlert"), List.of(alert), now);
        DeliveryRecord record = deliverer.sendOnce(receiver, n, now);
        return Response.status(record.error() == null ? 200 : 502).entity(record).build();
    }
}
