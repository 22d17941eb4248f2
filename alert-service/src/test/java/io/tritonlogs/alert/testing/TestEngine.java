package io.tritonlogs.alert.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

import java.nio.file.Path;
import java.time.Duration;

/**
 * One instance of the service's core (evaluator, state, outbox, deliverer) over a data directory,
 * without Quarkus: building a second one over the same directory is a restart.
 */
public final class TestEngine {

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final AlertMetrics metrics = new AlertMetrics(registry);
    public final AlertStore store;
    public final Outbox outbox;
    public final DeliveryLog log = new DeliveryLog(1000);
    public final RuleEvaluator evaluator;
    public final Deliverer deliverer;

    public TestEngine(Path dataDir, String lokiUrl, ReceiversConfig receivers) {
        this(dataDir, lokiUrl, receivers, Duration.ofMinutes(1), new GeneratorUrl("http://127.0.0.1:8082", "loki"));
    }

    public TestEngine(Path dataDir, String lokiUrl, ReceiversConfig receivers, Duration resendDelay, GeneratorUrl generatorUrl) {
        store = new AlertStore(dataDir);
        outbox = new Outbox(dataDir);
        evaluator = new RuleEvaluator(new LokiQueryClient(lokiUrl, Duration.ofSeconds(5)), store, () -> receivers, outbox::enqueue,
                metrics, Duration.ofMinutes(15), resendDelay, generatorUrl);
        // jitter pinned to its middle so that the retry times are exact
        deliverer = new Deliverer(outbox, () -> receivers, new WebhookSender(Duration.ofSeconds(5)),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, () -> 0.5), Duration.ofHours(24), metrics, log,
                "http://127.0.0.1:8083");
    }

    public double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }
}
