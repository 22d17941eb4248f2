package io.tritonlogs.alert.delivery;

import io.quarkus.logging.Log;
import io.tritonlogs.alert.notify.Notification;
import io.tritonlogs.alert.notify.Payloads;
import io.tritonlogs.alert.notify.Receiver;
import io.tritonlogs.alert.notify.ReceiverType;
import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.common.retry.Backoff;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends what is due in the outbox. Retries only what is safe to retry: no answer (connect error,
 * timeout), 429 and 5xx, after an exponential backoff with jitter, until the notification is older
 * than {@code maxAge}; any other non-2xx answer fails the notification at once. All timing comes
 * from the {@code now} passed in, so tests drive a long outage with a clock instead of waiting.
 * Not thread-safe: one caller (the delivery tick) at a time.
 */
public final class Deliverer {

    private final Outbox outbox;
    private final Supplier<ReceiversConfig> receivers;
    private final WebhookSender sender;
    private final Backoff backoff;
    private final Duration maxAge;
    private final DeliveryMetrics metrics;
    private final DeliveryLog log;
    private final String externalUrl;

    public Deliverer(Outbox outbox, Supplier<ReceiversConfig> receivers, WebhookSender sender, Backoff backoff, Duration maxAge,
                     DeliveryMetrics metrics, DeliveryLog log, String externalUrl) {
        this.outbox = outbox;
        this.receivers = receivers;
        this.sender = sender;
        this.backoff = backoff;
        this.maxAge = maxAge;
        this.metrics = metrics;
        this.log = log;
        this.externalUrl = externalUrl;
    }

    /**
     * Tries every entry whose time has come; returns how many were delivered. A group's
     * notifications reach its receiver in the order they were made: while an older one waits for
     * its retry, the newer ones wait too, so a "resolved" never overtakes its "firing".
     */
    public int deliverDue(Instant now) {
        int delivered = 0;
        Set<String> heldGroups = new HashSet<>();
        List<OutboxEntry> entries = outbox.entries();
        Map<String, String> newestFiring = new HashMap<>();
        entries.stream().filter(e -> "firing".equals(e.notification().status()))
                .forEach(e -> newestFiring.put(e.notification().receiver() + '\u0000' + e.notification().groupKey(), e.notification().id()));
        for (OutboxEntry entry : entries) {
            Notification n = entry.notification();
            String group = n.receiver() + '\u0000' + n.groupKey();
            if (heldGroups.contains(group)) {
                continue;
            }
            if (entry.nextAttemptAt().isAfter(now)) {
                heldGroups.add(group);
                continue;
            }
            Receiver receiver = receivers.get().receivers().get(n.receiver());
            if (receiver != null && receiver.type() == ReceiverType.ALERTMANAGER_API && "firing".equals(n.status())
                    && !n.id().equals(newestFiring.get(group))) {
                // Each firing notification of a feed holds all its firing alerts: only the newest counts.
                // An older one sent late would give Alertmanager endsAt times already past, which it
                // takes for resolved.
                outbox.markDelivered(n.id());
                log.add(new DeliveryRecord(now, n.id(), n.receiver(), n.groupKey(), n.status(), entry.attempts(), "superseded", 0, null, null));
                continue;
            }
            int attempt = entry.attempts() + 1;
            int status = 0;
            String error;
            if (receiver == null) {
                error = "receiver \"" + n.receiver() + "\" is not defined in the receivers file";
            } else {
                try {
                    status = send(receiver, n, now);
                    error = status / 100 == 2 ? null : "receiver answered " + status;
                } catch (IOException e) {
                    error = "no answer: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                } catch (RuntimeException e) {
                    // A payload or request that cannot be built must not stop the other entries; the
                    // message is left out, it could quote the receiver's URL. Retried until maxAge,
                    // so a corrected receivers file still delivers it.
                    error = "cannot send: " + e.getClass().getSimpleName();
                    Log.errorf("Notification %s to %s cannot be sent: %s", n.id(), n.receiver(), e.getClass().getName());
                }
            }
            if (error == null) {
                outbox.markDelivered(n.id());
                metrics.sent(n.receiver());
                log.add(new DeliveryRecord(now, n.id(), n.receiver(), n.groupKey(), n.status(), attempt, "delivered", status, null, null));
                Log.debugf("Delivered %s notification %s to %s (attempt %d)", n.status(), n.id(), n.receiver(), attempt);
                delivered++;
                continue;
            }
            metrics.failed(n.receiver());
            boolean retryable = status == 0 || status == 429 || status >= 500;
            boolean tooOld = !now.isBefore(n.createdAt().plus(maxAge));
            if (retryable && !tooOld) {
                Instant next = now.plus(backoff.delay(attempt));
                outbox.write(new OutboxEntry(n, attempt, next, error));
                heldGroups.add(group);
                log.add(new DeliveryRecord(now, n.id(), n.receiver(), n.groupKey(), n.status(), attempt, "retrying", status, error, next));
                Log.debugf("Notification %s to %s failed (%s), retry at %s", n.id(), n.receiver(), error, next);
            } else {
                outbox.moveToFailed(new OutboxEntry(n, attempt, now, error));
                log.add(new DeliveryRecord(now, n.id(), n.receiver(), n.groupKey(), n.status(), attempt, "failed", status, error, null));
                Log.errorf("Notification %s to %s given up after %d attempts: %s", n.id(), n.receiver(), attempt, error);
            }
        }
        return delivered;
    }

    /** Sends {@code n} once, now, outside the outbox (test-fire); returns the receiver's status code. */
    public DeliveryRecord sendOnce(Receiver receiver, Notification n, Instant now) {
        int status = 0;
        String error = null;
        try {
            status = send(receiver, n, now);
            if (status / 100 != 2) {
                error = "receiver answered " + status;
            }
        } catch (IOException | RuntimeException e) {
            error = "no answer: " + e.getClass().getSimpleName();
        }
        if (error == null) {
            metrics.sent(receiver.name());
        } else {
            metrics.failed(receiver.name());
        }
        DeliveryRecord record = new DeliveryRecord(now, n.id(), receiver.name(), n.groupKey(), n.status(), 1, "test", status, error, null);
        log.add(record);
        return record;
    }

    private int send(Receiver receiver, Notification n, Instant now) throws IOException {
        byte[] body = Payloads.build(receiver, n, externalUrl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Signer.IDEMPOTENCY_HEADER, n.id());
        if (receiver.secret() != null && !receiver.secret().isEmpty()) {
            long timestamp = now.getEpochSecond();
            headers.put(Signer.TIMESTAMP_HEADER, Long.toString(timestamp));
            headers.put(Signer.SIGNATURE_HEADER, Signer.sign(receiver.secret(), timestamp, body));
        }
        return sender.post(receiver.target(), body, headers);
    }
}
