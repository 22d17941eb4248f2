package io.tritonlogs.alert.eval;

import io.quarkus.logging.Log;
import io.tritonlogs.alert.notify.Dispatcher;
import io.tritonlogs.alert.notify.Notification;
import io.tritonlogs.alert.notify.AlertmanagerFeed;
import io.tritonlogs.alert.notify.GeneratorUrl;
import io.tritonlogs.alert.notify.ReceiverType;
import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.RuleGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Supplier<ReceiversConfig> receivers;
    private final Predicate<Notification> enqueue;
    private final AlertMetrics metrics;
    private final Duration resolvedRetention;
    private final Duration resendDelay;
    private final GeneratorUrl generatorUrl;
    private final Map<String, RuleHealth> health = new ConcurrentHashMap<>();
    private final Map<String, RuleHealth> groupHealth = new ConcurrentHashMap<>();
    /** Per rule key, the rule and its group's interval as last evaluated: what Alertmanager's feed needs. */
    private final Map<String, AlertRule> evaluatedRules = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();

    public RuleEvaluator(LokiQueryClient loki, AlertStore store, Supplier<ReceiversConfig> receivers, Predicate<Notification> enqueue,
                         AlertMetrics metrics, Duration resolvedRetention, Duration resendDelay, GeneratorUrl generatorUrl) {
        this.loki = loki;
        this.store = store;
        this.receivers = receivers;
        this.enqueue = enqueue;
        this.metrics = metrics;
        this.resolvedRetention = resolvedRetention;
        this.resendDelay = resendDelay;
        this.generatorUrl = generatorUrl;
    }

    public synchronized void evaluateGroup(RuleGroup group, Instant now) {
        long groupStart = System.nanoTime();
        for (AlertRule rule : group.rules()) {
            evaluatedRules.put(rule.key(), rule);
            intervals.put(rule.key(), group.interval());
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
        groupHealth.put(group.key(), new RuleHealth("ok", now, seconds(groupStart), 0, null));
        metrics.evaluated(group.name(), Duration.ofNanos(System.nanoTime() - groupStart));
    }

    /** Queues notifications for the current alert states and saves the state. */
    public synchronized void dispatch(Instant now) {
        ReceiversConfig config = receivers.get();
        Set<String> fed = new HashSet<>();
        config.receivers().values().stream().filter(r -> r.type() == ReceiverType.ALERTMANAGER_API).forEach(r -> fed.add(r.name()));
        AlertmanagerFeed feed = new AlertmanagerFeed(fed, resendDelay, intervals::get, key -> {
            AlertRule rule = evaluatedRules.get(key);
            return rule == null ? null : generatorUrl.forExpr(rule.expr());
        });
        var groups = Dispatcher.dispatch(now, store.all(), store.groups(), config.route(), feed, enqueue::test);
        store.replaceGroups(groups);
        store.save();
    }

    public RuleHealth health(String ruleKey) {
        return health.getOrDefault(ruleKey, RuleHealth.UNKNOWN);
    }

    /** When the group was last evaluated and how long all its rules took. */
    public RuleHealth groupHealth(String groupKey) {
        return groupHealth.getOrDefault(groupKey, RuleHealth.UNKNOWN);
    }

    public AlertStore store() {
        return store;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
