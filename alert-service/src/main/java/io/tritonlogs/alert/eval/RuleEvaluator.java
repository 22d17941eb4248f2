package io.tritonlogs.alert.eval;

import io.quarkus.logging.Log;
import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.RuleGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates one rule group at a given instant: one Loki instant query per rule and the state machine
 * per result series, then tells the {@link GroupEvaluationListener} (which notifies and saves).
 * A failed query leaves that rule's alerts exactly as they were (never "resolved") and marks the
 * rule {@code err}. Callers serialise calls (the scheduler tick, or a test).
 */
public final class RuleEvaluator {

    private final LokiQueryClient loki;
    private final AlertStates states;
    private final EvaluationMetrics metrics;
    private final Duration resolvedRetention;
    private final GroupEvaluationListener listener;
    private final Map<String, RuleHealth> health = new ConcurrentHashMap<>();
    private final Map<String, RuleHealth> groupHealth = new ConcurrentHashMap<>();

    public RuleEvaluator(LokiQueryClient loki, AlertStates states, EvaluationMetrics metrics, Duration resolvedRetention,
                         GroupEvaluationListener listener) {
        this.loki = loki;
        this.states = states;
        this.metrics = metrics;
        this.resolvedRetention = resolvedRetention;
        this.listener = listener;
    }

    public synchronized void evaluateGroup(RuleGroup group, Instant now) {
        long groupStart = System.nanoTime();
        for (AlertRule rule : group.rules()) {
            long start = System.nanoTime();
            try {
                List<Sample> samples = loki.instantQuery(rule.expr(), now);
                if (group.limit() > 0 && samples.size() > group.limit()) {
                    throw new LokiQueryException("the rule returned " + samples.size() + " series, more than the group's limit of " + group.limit());
                }
                states.put(rule.key(), AlertStateMachine.advance(rule, states.alerts(rule.key()), samples, now, resolvedRetention));
                health.put(rule.key(), new RuleHealth("ok", now, seconds(start), samples.size(), null));
            } catch (LokiQueryException | RuntimeException e) {
                health.put(rule.key(), new RuleHealth("err", now, seconds(start), 0, e.getMessage()));
                metrics.evaluationFailed(group.name(), rule.name());
                Log.warnf("Evaluation of rule %s failed, its alerts keep their state: %s", rule.key(), e.getMessage());
            }
        }
        listener.groupEvaluated(group, now);
        groupHealth.put(group.key(), new RuleHealth("ok", now, seconds(groupStart), 0, null));
        metrics.evaluated(group.name(), Duration.ofNanos(System.nanoTime() - groupStart));
    }

    public RuleHealth health(String ruleKey) {
        return health.getOrDefault(ruleKey, RuleHealth.UNKNOWN);
    }

    /** When the group was last evaluated and how long all its rules took. */
    public RuleHealth groupHealth(String groupKey) {
        return groupHealth.getOrDefault(groupKey, RuleHealth.UNKNOWN);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
