package io.tritonlogs.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the query service. Each property can be set by environment variable, e.g.
 * {@code query.limits.max-range} as {@code QUERY_LIMITS_MAX_RANGE}.
 */
@ConfigMapping(prefix = "query")
public interface QueryConfig {

    /**
     * Matchers used for a structured request that names no label, as LogQL matcher text.
     * Default {@code container=~".+"} (every stream: the collector always sets {@code container}).
     */
    @WithDefault("container=~\".+\"")
    String defaultSelector();

    /**
     * The alert-service's base URL, e.g. {@code http://alert-service:8083}: its rules and alerts are
     * served at {@code /prometheus/api/v1/rules} and {@code /alerts}, where Grafana's alerting view
     * looks for them on a Loki data source. Default none (those paths answer 404). Env: ALERT_SERVICE_URL.
     */
    Optional<String> alertServiceUrl();

    Limits limits();

    Auth auth();

    Tail tail();

    /** The guide's use cases, by name; see application.properties. Default none. */
    Map<String, Preset> presets();

    interface Limits {
        /** Longest time range of any query (start to end, and any LogQL range). Default 30d. */
        @WithDefault("30d")
        Duration maxRange();

        /** Time range when a request gives neither {@code since} nor {@code start}. Default 1h. */
        @WithDefault("1h")
        Duration defaultSince();

        /** Entries returned when a request gives no {@code limit}. Default 100. */
        @WithDefault("100")
        int defaultLimit();

        /** Largest {@code limit} a request may ask for; larger ones answer 400. Default 5000. */
        @WithDefault("5000")
        int maxLimit();

        /** Most points of a range query ((end - start) / step), as Loki's own limit. Default 11000. */
        @WithDefault("11000")
        int maxPoints();

        /**
         * Longest LogQL text (a {@code query} or {@code match[]}) taken by Loki's read API, in
         * characters; longer ones answer 400. Default 32768 (room for Grafana variables with hundreds of values).
         */
        @WithDefault("32768")
        int maxQueryLength();

        /** How long Loki may take to answer one request before the caller gets 504. Default 30s. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Auth {
        /** Whether requests to /api/v1 need a bearer token. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** Tokens by name (the name is only for logs and metrics). Default none. */
        Map<String, Token> tokens();
    }

    interface Token {
        /** The bearer token (never logged). */
        String token();

        /**
         * Label matchers forced into every stream selector of every query made with this token, as
         * LogQL matcher text, e.g. {@code namespace="team-a"}. Default none (the token reads everything).
         */
        Optional<String> matchers();
    }

    interface Tail {
        /** Loki's {@code delay_for} for live tail, in seconds (0 to 5). Default 0. */
        @WithDefault("0")
        int delayFor();

        /** How far back a tail starts when the request gives no {@code since}/{@code start}. Default 0s (now). */
        @WithDefault("0s")
        Duration defaultSince();
    }

    interface Preset {
        /** One sentence for people: what the preset finds. */
        String description();

        /** A LogQL log query; request filters (container, service, model, namespace, pod) replace its matchers of the same label. */
        String query();

        /** {@code backward} (newest first, the default) or {@code forward} (e.g. a startup sequence). */
        @WithDefault("backward")
        String direction();
    }
}
