package io.tritonlogs.alert.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;

/**
 * The meters of notification delivery, per receiver, as exported on {@code /q/metrics}:
 * {@code alert_notifications_sent_total} and {@code alert_notifications_failed_total} (a failed
 * attempt, retried or not). A receiver's series are registered when the receivers are loaded, at 0,
 * so dashboards and {@code rate()} see them before the first notification.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the series of {@code receivers}, so they exist before the first notification. */
    public void receiversLoaded(Collection<String> receivers) {
        receivers.forEach(receiver -> {
            sentCounter(receiver);
            failedCounter(receiver);
        });
    }

    public void sent(String receiver) {
        sentCounter(receiver).increment();
    }

    public void failed(String receiver) {
        failedCounter(receiver).increment();
    }

    private Counter sentCounter(String receiver) {
        return Counter.builder("alert_notifications_sent_total").tag("receiver", receiver)
                .description("Notifications a receiver accepted").register(registry);
    }

    private Counter failedCounter(String receiver) {
        return Counter.builder("alert_notifications_failed_total").tag("receiver", receiver)
                .description("Failed delivery attempts to a receiver, retried or not").register(registry);
    }
}
