package io.tritonlogs.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Prometheus scraping Triton's {@code nv_inference_*} metrics, for /correlate. */
@ConfigMapping(prefix = "prometheus")
public interface PrometheusConfig {
    /** Prometheus' base URL, e.g. {@code http://localhost:9090}. Default none: /correlate shows Loki counts only. Env: PROMETHEUS_URL. */
    Optional<String> url();

    /** Timeout of one Prometheus query. Default 10s. */
    @WithDefault("10s")
    Duration timeout();
}
