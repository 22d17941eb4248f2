package io.tritonlogs.alert.api;

import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.notify.AlertStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Active alerts (pending and firing); {@code ?resolved=true} adds recently resolved ones. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    public record AlertView(String name, String rule, String state, String fingerprint, Map<String, String> labels,
                            Map<String, String> annotations, double value, Instant activeAt, Instant firedAt, Instant resolvedAt) {
    }

    @Inject
    AlertStore store;

    @GET
    public List<AlertView> alerts(@QueryParam("resolved") boolean resolved) {
        return store.all().stream()
                .filter(a -> resolved || a.state() != AlertState.RESOLVED)
                .map(AlertsResource::view).toList();
    }

    private static AlertView view(Alert a) {
        return new AlertView(a.name(), a.ruleKey(), a.state().wire(), a.fingerprint(), a.labels(), a.annotations(),
                Double.isFinite(a.value()) ? a.value() : 0, a.activeAt(), a.firedAt(), a.resolvedAt());
    }
}
