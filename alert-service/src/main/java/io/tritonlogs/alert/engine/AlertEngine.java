package io.tritonlogs.alert.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tritonlogs.alert.config.AlertConfig;
import io.tritonlogs.alert.lease.Leadership;
import io.tritonlogs.alert.delivery.Backoff;
import io.tritonlogs.alert.delivery.Deliverer;
import io.tritonlogs.alert.delivery.DeliveryLog;
import io.tritonlogs.alert.delivery.Outbox;
import io.tritonlogs.alert.delivery.WebhookSender;
import io.tritonlogs.alert.eval.AlertMetrics;
import io.tritonlogs.alert.eval.AlertStore;
import io.tritonlogs.alert.eval.LokiQueryClient;
import io.tritonlogs.alert.eval.RuleEvaluator;
import io.tritonlogs.alert.notify.GeneratorUrl;
import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.alert.notify.ReceiversFileParser;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.rules.RuleRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Wires the plain classes of the service together and drives them: every tick evaluates the groups
 * whose interval has elapsed and delivers what is due in the outbox; rule and receivers files are
 * re-read when they change. Time always comes from the injected {@link Clock}.
 */
@Startup
@Singleton
public class AlertEngine {

    private final Clock clock;
    private final AlertConfig config;
    private final AlertMetrics metrics;
    private final RuleRegistry rules;
    private final RuleEvaluator evaluator;
    private final Outbox outbox;
    private final Deliverer deliverer;
    private final DeliveryLog deliveries;
    private final ReceiversFileParser receiversParser = new ReceiversFileParser(System::getenv);
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
    private volatile ReceiversConfig receivers = ReceiversConfig.none();
    private volatile String receiversText;
    private volatile String receiversError;

    @Inject
    Leadership leadership;
    private final AlertStore store;
    private final Object leadershipChange = new Object();
    private boolean leading;

    @Inject
    public AlertEngine(Clock clock, AlertConfig config, MeterRegistry registry, @ConfigProperty(name = "loki.url") String lokiUrl,
                       @ConfigProperty(name = "loki.tenant-id") Optional<String> lokiTenant,
                       @ConfigProperty(name = "loki.bearer-token") Optional<String> lokiBearerToken) {
        this.clock = clock;
        this.config = config;
        this.metrics = new AlertMetrics(registry);
        Backoff backoff = new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff(), config.delivery().jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.rules = new RuleRegistry(new RuleFileParser(config.defaultInterval()), config.rulesDir());
        this.outbox = new Outbox(config.dataDir());
        this.deliveries = new DeliveryLog(config.delivery().logSize());
        this.store = new AlertStore(config.dataDir());
        this.evaluator = new RuleEvaluator(new LokiQueryClient(lokiUrl, config.queryTimeout(), lokiTenant, lokiBearerToken), store,
                () -> receivers, outbox::enqueue, metrics, config.resolvedRetention(), config.resendDelay(),
                new GeneratorUrl(config.generatorUrlBase(), config.generatorUrlDatasource()));
        this.deliverer = new Deliverer(outbox, () -> receivers, new WebhookSender(config.delivery().timeout()), backoff,
                config.delivery().maxAge(), metrics, deliveries, config.externalUrl());
        reloadReceivers();
        if (receiversError != null) {
            throw new IllegalStateException(receiversError);
        }
        RuleRegistry.ReloadReport report = reloadRules();
        Log.infof("alert-service: %d rule groups (%d rules) from %s, %d receivers, Loki at %s, data in %s", report.groups(), report.rules(),
                config.rulesDir().map(Object::toString).orElse("the built-in " + RuleRegistry.DEFAULT_RULES),
                receivers.receivers().size(), lokiUrl, config.dataDir());
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
        metrics.ruleFiles(report.refused().size(), !report.refused().isEmpty());
        metrics.rulesLoaded(rules.groups());
        Set<String> ruleKeys = new HashSet<>();
        rules.groups().forEach(g -> g.rules().forEach(r -> ruleKeys.add(r.key())));
        evaluator.store().retainRules(ruleKeys, report.refused().keySet());
        return report;
    }

    /** Re-reads the receivers file when it changed; a bad file keeps the previous receivers. */
    public synchronized void reloadReceivers() {
        if (config.receiversFile().isEmpty()) {
            return;
        }
        try {
            String text = java.nio.file.Files.readString(config.receiversFile().get());
            if (text.equals(receiversText) && receiversError == null) {
                return;
            }
            receivers = receiversParser.parse(config.receiversFile().get().toString(), text);
            receiversText = text;
            receiversError = null;
            metrics.receiversLoaded(receivers.receivers().keySet());
        } catch (java.io.IOException | RuntimeException e) {
            receiversError = "receivers file refused, the previous receivers stay in force: " + e.getMessage();
            Log.warn(receiversError);
        }
    }

    public Clock clock() {
        return clock;
    }

    public RuleRegistry rules() {
        return rules;
    }

    public RuleEvaluator evaluator() {
        return evaluator;
    }

    public Deliverer deliverer() {
        return deliverer;
    }

    public DeliveryLog deliveries() {
        return deliveries;
    }

    public Outbox outbox() {
        return outbox;
    }

    public ReceiversConfig receivers() {
        return receivers;
    }

    public String receiversError() {
        return receiversError;
    }

    public RuleFileParser parser() {
        return new RuleFileParser(config.defaultInterval());
    }

    public AlertMetrics metrics() {
        return metrics;
    }
}
