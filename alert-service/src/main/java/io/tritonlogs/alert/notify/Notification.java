package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message to one receiver about one alert group. {@code id} is stable (group key and the
 * group's sequence number) and doubles as the idempotency key sent to the receiver.
 * {@code status} is {@code firing} or {@code resolved}.
 */
public record Notification(String id, String receiver, String groupKey, String status, Map<String, String> groupLabels,
                           List<Alert> alerts, Instant createdAt) {
    public Notification {
        if (id == null || receiver == null || groupKey == null || status == null || createdAt == null) {
            throw new IllegalArgumentException("a notification needs an id, a receiver, a group key, a status and a time");
        }
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(new TreeMap<>(groupLabels));
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
