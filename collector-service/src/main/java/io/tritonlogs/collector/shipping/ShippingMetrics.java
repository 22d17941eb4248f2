package io.tritonlogs.collector.shipping;

import java.time.Duration;

/** What the shipper reports; Micrometer-backed in the service. */
public interface ShippingMetrics {
    void pushed(int entries, long bytes, Duration latency);

    void retried(String cause);

    void dropped(String reason, int entries);

    ShippingMetrics NONE = new ShippingMetrics() {
        @Override
        public void pushed(int entries, long bytes, Duration latency) {
        }

        @Override
        public void retried(String cause) {
        }

        @Override
        public void dropped(String reason, int entries) {
        }
    };
}
