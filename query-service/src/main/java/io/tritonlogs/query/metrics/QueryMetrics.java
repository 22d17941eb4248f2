package io.tritonlogs.query.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * The query-service's own meters, named {@code query_*} (as exported on {@code /q/metrics}):
 * <ul>
 * <li>{@code query_loki_request_seconds{endpoint, outcome}}: Loki queries this service ran for its
 * REST API ({@code endpoint} {@code query} or {@code query_range}; {@code outcome} {@code success},
 * {@code unreachable}, {@code timeout}, {@code rejected}, {@code failed} or {@code error});</li>
 * <li>{@code query_loki_api_request_seconds{endpoint, status}}: requests to Loki's read API passed
 * through {@code /loki/api/v1/} (Grafana, logcli), by Loki endpoint and the HTTP status answered.</li>
 * </ul>
 * Both are histograms, so dashboards can take percentiles. The success series of the REST API's two
 * endpoints are registered at start, so the dashboard's latency panel has series before the first query.
 * docs/metrics.md lists every metric.
 */
@ApplicationScoped
public class QueryMetrics {

    /** Upper bounds of the latency histograms' buckets (besides +Inf): 5 ms to 60 s. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        lokiRequest("query", "success");
        lokiRequest("query_range", "success");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The timer of a Loki query run for the REST API. */
    public Timer lokiRequest(String endpoint, String outcome) {
        return Timer.builder("query_loki_request_seconds").tag("endpoint", endpoint).tag("outcome", outcome)
                .description("Duration of the Loki queries run for the REST API, by Loki endpoint and outcome")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** The timer of a request passed through to Loki's read API. */
    public Timer lokiApiRequest(String endpoint, int status) {
        return Timer.builder("query_loki_api_request_seconds").tag("endpoint", endpoint).tag("status", Integer.toString(status))
                .description("Duration of requests to Loki's read API passed through /loki/api/v1/, by endpoint and HTTP status")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }
}
