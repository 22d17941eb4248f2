package io.tritonlogs.alert.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tritonlogs.alert.config.AlertConfig;
import io.tritonlogs.alert.config.LokiConfig;
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
import io.tritonlogs.alert.notify.ReceiversFile;
import io.tritonlogs.alert.notify.ReceiversFileParser;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleRegistry;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiHttpClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the plain classes of the service beans, one instance each, from the configuration: the
 * resources and the {@link AlertEngine} inject what they use. The state and the outbox are written
 * with Quarkus' {@link ObjectMapper} (ISO-8601 times, unknown members ignored).
 */
@Singleton
public class AlertWiring {

    /** The {@code client} tag of this service's requests in {@code loki_client_requests_seconds}. */
    static final String LOKI_CLIENT = "rules";

    @Produces
    @Singleton
    EvaluationMetrics evaluationMetrics(MeterRegistry registry) {
        return new EvaluationMetrics(registry);
    }

    @Produces
    @Singleton
    DeliveryMetrics deliveryMetrics(MeterRegistry registry) {
        return new DeliveryMetrics(registry);
    }

    @Produces
    @Singleton
    RuleFileParser ruleFileParser(AlertConfig config) {
        return new RuleFileParser(config.defaultInterval());
    }

    @Produces
    @Singleton
    RuleRegistry ruleRegistry(RuleFileParser parser, AlertConfig config) {
        return new RuleRegistry(parser, config.rulesDir());
    }

    @Produces
    @Singleton
    ReceiversFile receiversFile(AlertConfig config) {
        return new ReceiversFile(config.receiversFile(), new ReceiversFileParser(System::getenv));
    }

    @Produces
    @Singleton
    AlertStore alertStore(AlertConfig config, ObjectMapper json) {
        return new AlertStore(config.dataDir(), json);
    }

    @Produces
    @Singleton
    Outbox outbox(AlertConfig config, ObjectMapper json) {
        return new Outbox(config.dataDir(), json);
    }

    @Produces
    @Singleton
    DeliveryLog deliveryLog(AlertConfig config) {
        return new DeliveryLog(config.delivery().logSize());
    }

    @Produces
    @Singleton
    LokiQueryClient lokiQueryClient(LokiConfig loki, AlertConfig config, MeterRegistry registry, ObjectMapper json) {
        LokiConnection connection = LokiConnection.of(loki, config.queryTimeout());
        return new LokiQueryClient(new LokiHttpClient(connection, LOKI_CLIENT, "alert-service", registry), json);
    }

    @Produces
    @Singleton
    NotificationDispatch notificationDispatch(AlertStore store, ReceiversFile receivers, Outbox outbox, AlertConfig config) {
        return new NotificationDispatch(store, receivers::current, outbox::enqueue, config.resendDelay(),
                new GeneratorUrl(config.generatorUrlBase(), config.generatorUrlDatasource()));
    }

    @Produces
    @Singleton
    RuleEvaluator ruleEvaluator(LokiQueryClient loki, AlertStore store, EvaluationMetrics metrics, AlertConfig config,
                                NotificationDispatch dispatch) {
        return new RuleEvaluator(loki, store, metrics, config.resolvedRetention(), dispatch);
    }

    @Produces
    @Singleton
    Deliverer deliverer(Outbox outbox, ReceiversFile receivers, DeliveryMetrics metrics, DeliveryLog log, AlertConfig config) {
        AlertConfig.Delivery delivery = config.delivery();
        Backoff backoff = Backoff.proportionalJitter(delivery.initialBackoff(), delivery.maxBackoff(), delivery.jitter());
        return new Deliverer(outbox, receivers::current, new WebhookSender(delivery.timeout()), backoff, delivery.maxAge(), metrics, log,
                config.externalUrl());
    }
}
