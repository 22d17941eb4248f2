package io.tritonlogs.alert.delivery;

import io.tritonlogs.alert.notify.Notification;

import java.time.Instant;

/** A notification waiting in the outbox: attempts so far, when to try next, and the last error. */
public record OutboxEntry(Notification notification, int attempts, Instant nextAttemptAt, String lastError) {
    public OutboxEntry {
        if (notification == null || nextAttemptAt == null) {
            throw new IllegalArgumentException("an outbox entry needs a notification and a next attempt time");
        }
    }
}
