package io.tritonlogs.alert.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tritonlogs.alert.api.DeliveriesResource;
import io.tritonlogs.alert.api.PrometheusRulesResource;
import io.tritonlogs.alert.api.RuleFileExceptionMapper;
import io.tritonlogs.alert.delivery.DeliveryRecord;
import io.tritonlogs.alert.delivery.OutboxEntry;
import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.notify.GroupState;
import io.tritonlogs.alert.notify.Notification;
import io.tritonlogs.support.rest.Problem;

/**
 * The types Jackson reads or writes by reflection that Quarkus does not register for a native image on its
 * own: it registers what resource methods return, but not entities inside a {@code Response}
 * ({@code GET /deliveries}, {@code POST /receivers/{name}/test}, problems from exception mappers and the
 * faults they list) nor what {@link AlertStore} and the outbox write to and read from disk ({@code state.json},
 * the outbox). Every record these contain is listed too. It sits above every other package because it names
 * types of all layers. {@code NativeConfigurationIT} checks, in the reflection configuration the native build
 * generates, that these and every record they hold are registered.
 */
@RegisterForReflection(targets = {
        // state.json
        AlertStore.Snapshot.class, Alert.class, AlertState.class, GroupState.class,
        // outbox/*.json and outbox/failed/*.json
        OutboxEntry.class, Notification.class, Notification.Handover.class,
        // Response entities
        DeliveriesResource.DeliveriesView.class, DeliveryRecord.class, Problem.class, RuleFileExceptionMapper.Fault.class,
        PrometheusRulesResource.AlertDiscovery.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
