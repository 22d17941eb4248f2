package io.tritonlogs.alert.eval;

import io.tritonlogs.alert.delivery.Outbox;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas share one data directory (the scale-out overlay's ReadWriteMany volume): the
 * stand-by opened it at its start, the leader then changed it. When the stand-by takes the Lease it
 * reads the directory again and carries on from the leader's last state and deliveries.
 */
class StandByTakeOverTest {

    @Test
    void theStandByReadsTheLeadersLastStateAndDeliveriesWhenItTakesOver(@TempDir Path shared) {
        AlertStore leaderStore = new AlertStore(shared, TestJson.MAPPER);
        Outbox leaderOutbox = new Outbox(shared, TestJson.MAPPER);
        AlertStore standByStore = new AlertStore(shared, TestJson.MAPPER);
        Outbox standByOutbox = new Outbox(shared, TestJson.MAPPER);

        Instant t = Instant.parse("2026-12-02T10:00:00Z");
        Alert firing = new Alert("g/TritonErrors", "fp1", Map.of("alertname", "TritonErrors"), Map.of(), AlertState.FIRING, 3.0, t, t, t, null);
        leaderStore.put("g/TritonErrors", List.of(firing));
        leaderStore.save();
        leaderOutbox.markDelivered("n-1");

        assertThat(standByStore.all()).as("what the stand-by read at its start").isEmpty();
        assertThat(standByOutbox.wasDelivered("n-1")).isFalse();

        standByStore.reload();
        standByOutbox.reloadDelivered();

        assertThat(standByStore.alerts("g/TritonErrors")).containsExactly(firing);
        assertThat(standByOutbox.wasDelivered("n-1")).isTrue();
    }
}
