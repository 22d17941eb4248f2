package io.tritonlogs.collector.runtime;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tritonlogs.collector.config.CollectorConfig;
import io.tritonlogs.collector.shipping.LokiPusher;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.shipping.Shipper;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.supervision.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;

import java.time.Duration;

/**
 * Starts the collector with the application and takes it down in order at shutdown: the readers
 * stop and emit what they hold, the shipper drains the buffer, positions are saved.
 */
@ApplicationScoped
class CollectorLifecycle {

    private static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

    private final CollectorConfig config;
    private final CollectorMetrics metrics;
    private final SendQueue queue;
    private final LokiPusher pusher;
    private final Shipper shipper;
    private final LogSource source;
    private final Workers workers;

    CollectorLifecycle(CollectorConfig config, CollectorMetrics metrics, SendQueue queue, LokiPusher pusher, Shipper shipper,
                       LogSource source, Workers workers) {
        this.config = config;
        this.metrics = metrics;
        this.queue = queue;
        this.pusher = pusher;
        this.shipper = shipper;
        this.source = source;
        this.workers = workers;
    }

    void onStart(@Observes StartupEvent event) {
        metrics.watchBuffer(queue);
        shipper.start(workers);
        Log.infof("shipping to %s (buffer %d bytes, batches up to %d bytes or %s)", pusher.pushUri(),
                config.shipping().bufferMaxBytes(), config.shipping().batchMaxBytes(), config.shipping().batchMaxWait());
        metrics.watchTargets(source);
        source.start();
    }

    /** Only a collector that was built is taken down: after a refused start there is nothing to stop. */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        source.stop();
        shipper.stop(DRAIN_GRACE);
    }
}
