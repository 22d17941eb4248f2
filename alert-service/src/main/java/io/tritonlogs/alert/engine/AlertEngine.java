package io.tritonlogs.alert.engine;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tritonlogs.alert.config.AlertConfig;
import io.tritonlogs.alert.config.LokiConfig;
import io.tritonlogs.alert.delivery.Deliverer;
import io.tritonlogs.alert.delivery.DeliveryMetrics;
import io.tritonlogs.alert.delivery.Outbox;
import io.tritonlogs.alert.eval.EvaluationMetrics;
import io.tritonlogs.alert.eval.RuleEvaluator;
import io.tritonlogs.alert.lease.Leadership;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.notify.ReceiversFile;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.rules.RuleRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives the service: every tick evaluates the groups whose interval has elapsed and delivers what
 * is due in the outbox; rule and receivers files are re-read when they change. Loads both at start
 * (a bad receivers file stops the start). Time always comes from the injected {@link Clock}.
 */
@Startup
@Singleton
public class AlertEngine {

    private final Clock clock;
    private final RuleRegistry rules;
    private final RuleEvaluator evaluator;
    private final AlertStore store;
    private final Outbox outbox;
    private final Deliverer deliverer;
    private final ReceiversFile receivers;
    private final EvaluationMetrics evaluationMetrics;
    private final DeliveryMetrics deliveryMetrics;
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();

    @Inject
    Leadership leadership;
    private final Object leadershipChange = new Object();
    private boolean leading;

    @Inject
    public AlertEngine(Clock clock, AlertConfig config, LokiConfig loki, RuleRegistry rules, RuleEvaluator evaluator, AlertStore store,
                       Outbox outbox, Deliverer deliverer, ReceiversFile receivers, EvaluationMetrics evaluationMetrics,
                       DeliveryMetrics deliveryMetrics) {
        this.clock = clock;
        this.rules = rules;
        this.evaluator = evaluator;
        this.store = store;
        this.outbox = outbox;
        this.deliverer = deliverer;
        this.receivers = receivers;
        this.evaluationMetrics = evaluationMetrics;
        this.deliveryMetrics = deliveryMetrics;
        reloadReceivers();
        if (receivers.error() != null) {
            throw new IllegalStateException(receivers.error());
        }
        RuleRegistry.ReloadReport report = reloadRules();
        Log.infof("alert-service: %d rule groups (%d rules) from %s, %d receivers, Loki at %s, data in %s", report.groups(), report.rules(),
                config.rulesDir().map(Object::toString).orElse("the built-in " + RuleRegistry.DEFAULT_RULES),
                receivers.current().receivers().size(), loki.url(), config.dataDir());
    }

    /** Evaluates due groups. */
    @Scheduled(every = "{alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evaluationTick() {
        if (isLeader()) {
            evaluateDue(clock.instant());
        }
    }

    /**
     * Delivers due notifications, in a job of its own: a receiver that times out must not push
     * back the evaluation of every group.
     */
    @Scheduled(every = "{alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliveryTick() {
        if (isLeader()) {
            deliverer.deliverDue(clock.instant());
        }
    }

    /**
     * False while another replica holds the Lease and evaluates. On becoming leader after standing
     * by, the state and delivered log are read again from the shared volume, so the new leader
     * carries on where the old one stopped instead of from what it read at its own start.
     */
    private boolean isLeader() {
        // Not the engine's monitor: an evaluation in progress must not hold up deliveries.
        synchronized (leadershipChange) {
            boolean leader = leadership == null || leadership.isLeader();
            if (leader && !leading && leadership != null && leadership.elector().isPresent()) {
                Log.info("This replica holds the Lease now: reading the alert state and delivered log from the shared volume");
                store.reload();
                outbox.reloadDelivered();
            }
            leading = leader;
            return leader;
        }
    }

    @Scheduled(every = "{alert.reload-check}", delayed = "{alert.reload-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadCheck() {
        reloadRules();
        reloadReceivers();
    }

    /** Evaluates every group whose interval has elapsed at {@code now}; returns how many. */
    public synchronized int evaluateDue(Instant now) {
        int evaluated = 0;
        Set<String> keys = new HashSet<>();
        for (RuleGroup group : rules.groups()) {
            keys.add(group.key());
            Instant due = nextDue.getOrDefault(group.key(), now);
            if (!now.isBefore(due)) {
                evaluator.evaluateGroup(group, now);
                nextDue.put(group.key(), now.plus(group.interval()));
                evaluated++;
            }
        }
        nextDue.keySet().retainAll(keys);
        return evaluated;
    }

    public synchronized RuleRegistry.ReloadReport reloadRules() {
        RuleRegistry.ReloadReport report = rules.reload();
        evaluationMetrics.ruleFiles(report.refused().size(), !report.refused().isEmpty());
        evaluationMetrics.rulesLoaded(rules.groups());
        Set<String> ruleKeys = new HashSet<>();
        rules.groups().forEach(g -> g.rules().forEach(r -> ruleKeys.add(r.key())));
        store.retainRules(ruleKeys, report.refused().keySet());
        return report;
    }

    /** Re-reads the receivers file when it changed; a bad file keeps the previous receivers. */
    public synchronized void reloadReceivers() {
        if (receivers.reload()) {
            deliveryMetrics.receiversLoaded(receivers.current().receivers().keySet());
        }
    }
}
