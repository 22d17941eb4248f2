package io.tritonlogs.alert.delivery;

import java.time.Instant;

/**
 * One attempt to deliver a notification. {@code outcome}: {@code delivered}, {@code retrying}
 * (will be tried again at {@code nextAttemptAt}), {@code failed} (given up, kept in
 * {@code outbox/failed/}), {@code superseded} (a firing notification to Alertmanager's API that a
 * newer one replaces, not sent) or {@code test}. {@code httpStatus} is 0 when no answer came.
 */
public record DeliveryRecord(Instant at, String id, String receiver, String groupKey, String status, int attempt,
                             String outcome, int httpStatus, String error, Instant nextAttemptAt) {
}
