package io.tritonlogs.alert.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tritonlogs.alert.delivery.Deliverer;
import io.tritonlogs.alert.delivery.DeliveryLog;
import io.tritonlogs.alert.delivery.DeliveryMetrics;
import io.tritonlogs.alert.delivery.Outbox;
import io.tritonlogs.alert.delivery.WebhookSender;
import io.tritonlogs.alert.eval.EvaluationMetrics;
import io.tritonlogs.alert.eval.LokiQueryClient;
import io.tritonlogs.alert.eval.RuleEvaluator;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.notify.GeneratorUrl;
import io.tritonlogs.alert.notify.NotificationDispatch;
import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.common.retry.Backoff;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One instance of the service's core (evaluator, dispatch, state, outbox, deliverer) over a data directory,
 * without Quarkus: building a second one over the same directory is a restart.
 */
public final class TestEngine {

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final AlertStore store;
    public final Outbox outbox;
    public final DeliveryLog log = new DeliveryLog(1000);
    public final NotificationDispatch dispatch;
    public final RuleEvaluator evaluator;
    public final Deliverer deliverer;

    public TestEngine(Path dataDir, String lokiUrl, ReceiversConfig receivers) {
        this(dataDir, LokiClients.queryClient(lokiUrl, Duration.ofSeconds(5)), receivers, Duration.ofMinutes(1),
                new GeneratorUrl("http://127.0.0.1:8082", "loki"));
    }

    public TestEngine(Path dataDir, String lokiUrl, ReceiversConfig receivers, Duration resendDelay, GeneratorUrl generatorUrl) {
        this(dataDir, LokiClients.queryClient(lokiUrl, Duration.ofSeconds(5)), receivers, resendDelay, generatorUrl);
    }

    public TestEngine(Path dataDir, LokiQueryClient loki, ReceiversConfig receivers, Duration resendDelay, GeneratorUrl generatorUrl) {
        store = new AlertStore(dataDir, TestJson.MAPPER);
        outbox = new Outbox(dataDir, TestJson.MAPPER);
        dispatch = new NotificationDispatch(store, () -> receivers, outbox::enqueue, resendDelay, generatorUrl);
        evaluator = new RuleEvaluator(loki, store, new EvaluationMetrics(registry), Duration.ofMinutes(15), dispatch);
        // jitter pinned to its middle so that the retry times are exact
        deliverer = new Deliverer(outbox, () -> receivers, new WebhookSender(Duration.ofSeconds(5)),
                Backoff.proportionalJitter(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2).withRandom(() -> 0.5), Duration.ofHours(24),
                new DeliveryMetrics(registry), log, "http://127.0.0.1:8083");
    }

    public double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }
}
