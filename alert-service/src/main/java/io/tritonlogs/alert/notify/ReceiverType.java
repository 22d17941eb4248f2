package io.tritonlogs.alert.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The payload a receiver gets. */
public enum ReceiverType {
    /** Alertmanager's webhook payload, version "4". */
    ALERTMANAGER,
    /** Alertmanager's own API v2, as Prometheus feeds it: firing alerts re-sent every resend delay, see {@link Dispatcher}. */
    ALERTMANAGER_API,
    /** Slack incoming webhook: text and attachments. */
    SLACK,
    /** PagerDuty Events API v2: trigger and resolve with a stable dedup_key. */
    PAGERDUTY,
    /** This service's own plain JSON, documented in docs/alert-service.md. */
    JSON;

    /** The name in the receivers file, e.g. {@code alertmanager-api}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ReceiverType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ReceiverType::wire).collect(Collectors.joining(", "));
    }
}
