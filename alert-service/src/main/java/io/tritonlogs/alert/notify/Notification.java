package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message to one receiver about one alert group. {@code id} is stable (group key and the
 * group's sequence number) and doubles as the idempotency key sent to the receiver.
 * {@code status} is {@code firing} or {@code resolved}. {@code handover} is set only for
 * {@code alertmanager-api} receivers: per fingerprint of a firing alert, its endsAt and generatorURL,
 * fixed when the notification is made so that every retry sends the same bytes.
 */
public record Notification(String id, String receiver, String groupKey, String status, Map<String, String> groupLabels,
                           List<Alert> alerts, Instant createdAt, Map<String, Handover> handover) {

    /** What Alertmanager's API gets for a firing alert beyond the alert itself. */
    public record Handover(Instant endsAt, String generatorUrl) {
    }

    public Notification(String id, String receiver, String groupKey, String status, Map<String, String> groupLabels,
                        List<Alert> alerts, Instant createdAt) {
        this(id, receiver, groupKey, status, groupLabels, alerts, createdAt, Map.of());
    }

    public Notification {
        if (id == null || receiver == null || groupKey == null || status == null || createdAt == null) {
            throw new IllegalArgumentException("a notification needs an id, a receiver, a group key, a status and a time");
        }
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(new TreeMap<>(groupLabels));
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        handover = handover == null ? Map.of() : Map.copyOf(handover);
    }
}
