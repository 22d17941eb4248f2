package io.tritonlogs.alert.notify;

/** The payload a receiver gets. */
public enum ReceiverType {
    /** Alertmanager's webhook payload, version "4". */
    ALERTMANAGER,
    /** Slack incoming webhook: text and attachments. */
    SLACK,
    /** PagerDuty Events API v2: trigger and resolve with a stable dedup_key. */
    PAGERDUTY,
    /** This service's own plain JSON, documented in the README. */
    JSON
}
