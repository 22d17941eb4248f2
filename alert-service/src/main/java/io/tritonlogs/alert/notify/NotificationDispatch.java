package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.GroupEvaluationListener;
import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.RuleGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * After each group evaluation, and on demand: runs the {@link Dispatcher} over the current alert
 * states, queues the notifications ({@code enqueue}, the outbox) and saves the state with the new
 * notification groups. Remembers each evaluated rule and its group's interval, which the feed of
 * {@code alertmanager-api} receivers needs.
 */
public final class NotificationDispatch implements GroupEvaluationListener {

    private final AlertStore store;
    private final Supplier<ReceiversConfig> receivers;
    private final Predicate<Notification> enqueue;
    private final Duration resendDelay;
    private final GeneratorUrl generatorUrl;
    private final Map<String, AlertRule> evaluatedRules = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();

    public NotificationDispatch(AlertStore store, Supplier<ReceiversConfig> receivers, Predicate<Notification> enqueue, Duration resendDelay,
                                GeneratorUrl generatorUrl) {
        this.store = store;
        this.receivers = receivers;
        this.enqueue = enqueue;
        this.resendDelay = resendDelay;
        this.generatorUrl = generatorUrl;
    }

    @Override
    public void groupEvaluated(RuleGroup group, Instant now) {
        for (AlertRule rule : group.rules()) {
            evaluatedRules.put(rule.key(), rule);
            intervals.put(rule.key(), group.interval());
        }
        dispatch(now);
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
}
