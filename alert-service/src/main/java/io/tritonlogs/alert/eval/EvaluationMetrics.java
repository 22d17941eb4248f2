package io.tritonlogs.alert.eval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tritonlogs.alert.rules.RuleGroup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of rule loading and evaluation, as exported on {@code /q/metrics}:
 * {@code alert_evaluations_total}, {@code alert_evaluation_failures_total} (per group and rule),
 * {@code alert_evaluation_duration_seconds} (per group, a histogram), {@code alert_rule_files_refused}
 * and {@code alert_rule_reload_failures_total}. The series of every group and rule are registered
 * when rules are loaded, at 0, so dashboards and {@code rate()} see them before the first event.
 * The delivery meters are {@code DeliveryMetrics}'; docs/metrics.md lists them all.
 */
public final class EvaluationMetrics {

    /** Upper bounds of the evaluation duration histogram's buckets (besides +Inf): 10 ms to 60 s. */
    static final Duration[] EVALUATION_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final AtomicInteger refusedFiles = new AtomicInteger();
    private final Counter reloadFailures;

    public EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
        // a registry keeps the first gauge registered under a name, and the object it reads, for its
        // whole life, which can outlive an application restart in the same JVM: this instance takes over
        registry.find("alert_rule_files_refused").meters().forEach(registry::remove);
        Gauge.builder("alert_rule_files_refused", refusedFiles, AtomicInteger::get)
                .description("Rule files refused at the last reload (their previous rules stay in force)").register(registry);
        reloadFailures = Counter.builder("alert_rule_reload_failures_total")
                .description("Rule reloads that refused at least one file").register(registry);
    }

    /** Registers the series of {@code groups} and their rules, so they exist before the first evaluation. */
    public void rulesLoaded(List<RuleGroup> groups) {
        for (RuleGroup group : groups) {
            evaluations(group.name());
            duration(group.name());
            group.rules().forEach(rule -> failures(group.name(), rule.name()));
        }
    }

    public void evaluated(String group, Duration took) {
        evaluations(group).increment();
        duration(group).record(took);
    }

    public void evaluationFailed(String group, String rule) {
        failures(group, rule).increment();
    }

    public void ruleFiles(int refused, boolean reloadFailed) {
        refusedFiles.set(refused);
        if (reloadFailed) {
            reloadFailures.increment();
        }
    }

    private Counter evaluations(String group) {
        return Counter.builder("alert_evaluations_total").tag("group", group).description("Evaluations of a rule group")
                .register(registry);
    }

    private Timer duration(String group) {
        return Timer.builder("alert_evaluation_duration_seconds").tag("group", group)
                .description("Duration of an evaluation of a rule group, all its rules' queries included")
                .serviceLevelObjectives(EVALUATION_BUCKETS).register(registry);
    }

    private Counter failures(String group, String rule) {
        return Counter.builder("alert_evaluation_failures_total").tag("group", group).tag("rule", rule)
                .description("Evaluations of a rule that failed (Loki unreachable, query refused, too many series)").register(registry);
    }
}
