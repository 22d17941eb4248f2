package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * How the {@link Dispatcher} feeds {@code alertmanager-api} receivers, as Prometheus' notifier feeds
 * Alertmanager: every firing alert again each {@code resendDelay}, valid until evaluation time +
 * 4 × max(resend delay, the rule's evaluation interval), so that Alertmanager resolves it by itself
 * when we stop sending. {@code evaluationInterval} and {@code generatorUrl} take a rule key.
 */
public record AlertmanagerFeed(Set<String> receivers, Duration resendDelay, Function<String, Duration> evaluationInterval,
                               Function<String, String> generatorUrl) {

    public static final AlertmanagerFeed NONE = new AlertmanagerFeed(Set.of(), Duration.ofMinutes(1), rule -> Duration.ZERO, rule -> null);

    public AlertmanagerFeed {
        receivers = receivers == null ? Set.of() : Set.copyOf(receivers);
        if (resendDelay == null || resendDelay.isNegative() || resendDelay.isZero()) {
            throw new IllegalArgumentException("the resend delay must be positive");
        }
    }

    public boolean feeds(String receiver) {
        return receivers.contains(receiver);
    }

    Notification.Handover handover(Alert alert, Instant now) {
        Duration interval = evaluationInterval.apply(alert.ruleKey());
        Duration delta = interval != null && interval.compareTo(resendDelay) > 0 ? interval : resendDelay;
        return new Notification.Handover(now.plus(delta.multipliedBy(4)), generatorUrl.apply(alert.ruleKey()));
    }
}
