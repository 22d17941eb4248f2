package io.tritonlogs.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of alert-service. Each can be set by environment variable, e.g.
 * {@code alert.delivery.max-backoff} as {@code ALERT_DELIVERY_MAX_BACKOFF}.
 */
@ConfigMapping(prefix = "alert")
public interface AlertConfig {

    /**
     * Directory of rule files ({@code *.yaml}, {@code *.yml}, searched 4 levels deep). Default: unset,
     * which runs the built-in {@code default-rules/triton.yaml}; when set, exactly its files run (an
     * empty directory means no rules). Env: ALERT_RULES_DIR.
     */
    Optional<Path> rulesDir();

    /** The receivers and routes file. Default: unset, no notifications are sent. Env: ALERT_RECEIVERS_FILE. */
    Optional<Path> receiversFile();

    /**
     * Directory for {@code state.json}, {@code outbox/} and {@code delivered.log}; the images set
     * their volume, {@code /work/data}. Default {@code /var/lib/triton-logs-alerts}. Env: ALERT_DATA_DIR.
     */
    @WithDefault("/var/lib/triton-logs-alerts")
    Path dataDir();

    /** Evaluation interval of a group that sets none. Default 1m (Prometheus' default). */
    @WithDefault("1m")
    Duration defaultInterval();

    /** How often the scheduler looks for due groups and due deliveries. Default 1s. */
    @WithDefault("1s")
    String tick();

    /** How often the rule and receivers files are checked for changes. Default 10s. */
    @WithDefault("10s")
    String reloadCheck();

    /** How long a resolved alert stays listed. Default 15m. */
    @WithDefault("15m")
    Duration resolvedRetention();

    /** This service's address as receivers should link to it. Default {@code http://localhost:8083}. */
    @WithDefault("http://localhost:8083")
    String externalUrl();

    /**
     * How often firing alerts are sent again to {@code alertmanager-api} receivers, which keep an alert
     * only until its endsAt: evaluation time + 4 × max(this, the group's interval). Prometheus'
     * {@code rules.alert.resend-delay}. Default 1m. Env: ALERT_RESEND_DELAY.
     */
    @WithDefault("1m")
    Duration resendDelay();

    /**
     * Base of the generatorURL of alerts sent to Alertmanager's API: Grafana (host or path naming
     * grafana, or port 3000) gets an Explore link with the rule's expression, anything else is taken
     * for the query-service and gets {@code <base>/loki/api/v1/query_range?query=<expr>}. Default
     * {@code http://localhost:8082}. Env: ALERT_GENERATOR_URL_BASE.
     */
    @WithDefault("http://localhost:8082")
    String generatorUrlBase();

    /** The uid of the Loki data source in Grafana Explore links. Default {@code loki}. Env: ALERT_GENERATOR_URL_DATASOURCE. */
    @WithDefault("loki")
    String generatorUrlDatasource();

    /** Timeout of one Loki instant query. Default 30s. */
    @WithDefault("30s")
    Duration queryTimeout();

    Delivery delivery();

    Lease lease();

    /** One active evaluator among replicas, by a Kubernetes Lease. */
    interface Lease {
        /** Elect a leader (Kubernetes, more than one replica). Default false: this replica always evaluates. Env: ALERT_LEASE_ENABLED. */
        @WithDefault("false")
        boolean enabled();

        /** The Lease's name. Default alert-service. Env: ALERT_LEASE_NAME. */
        @WithDefault("alert-service")
        String name();

        /** The Lease's namespace. Default: the pod's (service account). Env: ALERT_LEASE_NAMESPACE. */
        Optional<String> namespace();

        /** This replica's identity. Default: the hostname (the pod name). Env: ALERT_LEASE_IDENTITY. */
        Optional<String> identity();

        /** How long a lease lasts without renewal. Default 15s. */
        @WithDefault("15s")
        Duration duration();

        /** How often to renew or try to acquire. Default 5s. */
        @WithDefault("5s")
        String renewInterval();

        /** Kubernetes API base URL. Default: in-cluster from KUBERNETES_SERVICE_HOST/PORT. */
        Optional<String> kubernetesApi();

        /** Service account token. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        Path tokenFile();

        /** Cluster CA. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
        Path caFile();
    }

    interface Delivery {
        /** Timeout of one webhook request. Default 10s. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * Wait after the first failed attempt; doubles per attempt up to {@link #maxBackoff()}, ± {@link #jitter()}.
         * Only connect errors, timeouts, 429 and 5xx are retried; another 4xx fails the notification at once. Default 1s.
         */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between attempts. Default 5m. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Random spread of each wait, as a fraction (0 ≤ jitter < 1). Default 0.2. */
        @WithDefault("0.2")
        double jitter();

        /** A notification not delivered within this time is given up (kept in outbox/failed/). Default 24h. */
        @WithDefault("24h")
        Duration maxAge();

        /** How many recent attempts {@code GET /api/v1/deliveries} keeps. Default 500. */
        @WithDefault("500")
        int logSize();
    }
}
