package io.tritonlogs.alert;

import io.tritonlogs.alert.api.DeliveriesResource;
import io.tritonlogs.alert.api.PrometheusRulesResource;
import io.tritonlogs.alert.api.RuleFileExceptionMapper;
import io.tritonlogs.alert.delivery.DeliveryRecord;
import io.tritonlogs.alert.delivery.OutboxEntry;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.rules.RuleRegistry;
import io.tritonlogs.support.rest.Problem;
import io.tritonlogs.common.testing.NativeSources;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native readiness, checked on what the build generated for native-image (target/native-sources/, see
 * docs/native.md): no GraalVM is needed, and none runs here.
 */
class NativeConfigurationIT {
    private static final NativeSources NATIVE = NativeSources.ofThisModule();

    /**
     * What Jackson reads and writes by reflection beyond REST return types (which Quarkus registers itself): the
     * state file and the outbox, written with Quarkus' ObjectMapper, and the entities inside a Response.
     */
    @Test
    void everyTypeJacksonHandlesOutsideRestReturnTypesIsRegisteredForReflection() {
        Set<String> types = NativeSources.withTheTypesTheyHold(
                AlertStore.Snapshot.class,                        // state.json
                OutboxEntry.class,                                // outbox/*.json, outbox/failed/*.json
                DeliveriesResource.DeliveriesView.class, DeliveryRecord.class, Problem.class, RuleFileExceptionMapper.Fault.class,   // Response entities
                PrometheusRulesResource.Success.class, PrometheusRulesResource.Failure.class,
                PrometheusRulesResource.RuleDiscovery.class, PrometheusRulesResource.AlertDiscovery.class);
        assertThat(types).as("the walk through record components finds the nested types").contains(
                "io.tritonlogs.alert.eval.Alert", "io.tritonlogs.alert.eval.AlertState", "io.tritonlogs.alert.notify.GroupState",
                "io.tritonlogs.alert.notify.Notification", "io.tritonlogs.alert.notify.Notification$Handover",
                "io.tritonlogs.alert.api.RuleFileExceptionMapper$Fault", "io.tritonlogs.alert.api.PrometheusRulesResource$RuleView");
        assertThat(NATIVE.registeredForJackson()).containsAll(types);
    }

    @Test
    void theBuiltInRulesAreIncludedAsAResource() {
        assertThat(NATIVE.includesResource(RuleRegistry.DEFAULT_RULES)).as("%s in resource-config.json", RuleRegistry.DEFAULT_RULES).isTrue();
        assertThat(NATIVE.includesResource("application.yaml")).as("and not everything").isFalse();
    }
}
