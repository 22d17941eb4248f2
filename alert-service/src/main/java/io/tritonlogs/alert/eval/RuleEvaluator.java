package io.tritonlogs.alert.eval;

import io.quarkus.logging.Log;
import io.tritonlogs.alert.notify.Dispatcher;
import io.tritonlogs.alert.notify.Notification;
import io.tritonlogs.alert.notify.Route;
import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.RuleGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Evaluates one rule group at a given instant: one Loki instant query per rule, the state machine
 * per result series, then notifications for what changed (queued in the outbox) and the state saved.
 * A failed query leaves that rule's alerts exactly as they were (never "resolved") and marks the
 * rule {@code err}. Callers serialise calls (the scheduler tick, or a test).
 */
public final class RuleEvaluator {

    private final LokiQueryClient loki;
    private final AlertStore store;
    private final Supplier<Route> route;
    private final Predicate<Notification> enqueue;
    private final AlertMetrics metrics;
    private final Duration resolvedRetention;
    private final Map<String, RuleHealth> health = new ConcurrentHashMap<>();

    public RuleEvaluator(LokiQueryClient loki, AlertStore store, Supplier<Route> route, Predicate<Notification> enqueue,
                         AlertMetrics metrics, Duration resolvedRetention) {
        this.loki = loki;
        this.store = store;
        this.route = route;
        this.enqueue = enqueue;
        this.metrics = metrics;
        this.resolvedRetention = resolvedRetention;
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
                store.put(rule.key(), AlertStateMachine.advance(rule, store.alerts(rule.key()), samples, now, resolvedRetention));
                health.put(rule.key(), new RuleHealth("ok", now, seconds(start), samples.size(), null));
            } catch (LokiQueryException | RuntimeException e) {
                health.put(rule.key(), new RuleHealth("err", now, seconds(start), 0, e.getMessage()));
                metrics.evaluationFailed(group.name(), rule.name());
                Log.warnf("Evaluation of rule %s failed, its alerts keep their state: %s", rule.key(), e.getMessage());
            }
        }
        dispatch(now);
        metrics.evaluated(group.name(), Duration.ofNanos(System.nanoTime() - groupStart));
    }

    /** Queues notifications for the current alert states and saves the state. */
    public synchronized void dispatch(Instant now) {
        var groups = Dispatcher.dispatch(now, store.all(), store.groups(), route.get(), enqueue::test);
        store.replaceGroups(groups);
        store.save();
    }

    public RuleHealth health(String ruleKey) {
        return health.getOrDefault(ruleKey, RuleHealth.UNKNOWN);
    }

    public AlertStore store() {
        return store;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
