package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What has been notified for one alert group: the alerts of the last firing notification (by
 * fingerprint), when the group started firing, when its last notification was queued and how many
 * were queued (the sequence makes each notification's id stable across a crash).
 */
public record GroupState(String key, String route, String receiver, Map<String, String> groupLabels, Map<String, Alert> notified,
                         Instant firstFiringAt, Instant lastSentAt, long sequence) {
    public GroupState {
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(new TreeMap<>(groupLabels));
        notified = notified == null ? Map.of() : Map.copyOf(notified);
    }
}
