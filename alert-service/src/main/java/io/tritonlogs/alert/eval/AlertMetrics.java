package io.tritonlogs.alert.eval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's meters: {@code alert_evaluations_total}, {@code alert_evaluation_failures_total},
 * {@code alert_evaluation_duration_seconds} (per group), {@code alert_notifications_sent_total},
 * {@code alert_notifications_failed_total} (per receiver; a failed attempt, retried or not),
 * {@code alert_rule_files_refused} and {@code alert_rule_reload_failures_total}.
 */
public final class AlertMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger refusedFiles = new AtomicInteger();

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        // a registry keeps the first gauge registered under a name, and the object it reads, for its
        // whole life, which can outlive an application restart in the same JVM: this instance takes over
        registry.find("alert_rule_files_refused").meters().forEach(registry::remove);
        registry.gauge("alert_rule_files_refused", refusedFiles);
    }

    public void evaluated(String group, Duration took) {
        Counter.builder("alert_evaluations_total").tag("group", group).register(registry).increment();
        Timer.builder("alert_evaluation_duration_seconds").tag("group", group).register(registry).record(took);
    }

    public void evaluationFailed(String group, String rule) {
        Counter.builder("alert_evaluation_failures_total").tag("group", group).tag("rule", rule).register(registry).increment();
    }

    public void sent(String receiver) {
        Counter.builder("alert_notifications_sent_total").tag("receiver", receiver).register(registry).increment();
    }

    public void failed(String receiver) {
        Counter.builder("alert_notifications_failed_total").tag("receiver", receiver).register(registry).increment();
    }

    public void ruleFiles(int refused, boolean reloadFailed) {
        refusedFiles.set(refused);
        if (reloadFailed) {
            registry.counter("alert_rule_reload_failures_total").increment();
        }
    }

    public MeterRegistry registry() {
        return registry;
    }
}
