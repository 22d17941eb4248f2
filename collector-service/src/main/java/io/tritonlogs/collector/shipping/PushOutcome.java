package io.tritonlogs.collector.shipping;

import java.time.Duration;

/** What Loki made of one push. */
public sealed interface PushOutcome {

    /** 2xx: stored. */
    record Accepted(int status) implements PushOutcome {
    }

    /** Connection error, timeout, 429 or 5xx: safe to send again. */
    record Retry(String cause, Duration retryAfter) implements PushOutcome {
    }

    /** Any other 4xx: sending again cannot help. {@code reason} is Loki's first line. */
    record Rejected(int status, String reason) implements PushOutcome {
    }
}
