package io.tritonlogs.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where Loki answers queries; {@code loki.url} comes from LOKI_URL (DESIGN.md). */
@ConfigMapping(prefix = "loki")
public interface LokiConfig {
    /** Loki's base URL. Default {@code http://localhost:3100}. Env: LOKI_URL. */
    @WithDefault("http://localhost:3100")
    String url();

    /** Base URL for the tail websocket when a gateway serves it elsewhere. Default: {@link #url()}. */
    Optional<String> tailUrl();

    /** {@code X-Scope-OrgID} for multi-tenant Loki. Default none. */
    Optional<String> tenantId();

    /** Bearer token sent to Loki (never logged). Default none. */
    Optional<String> bearerToken();

    /** Timeout to open a connection to Loki; an unreachable Loki answers 503. Default 5s. */
    @WithDefault("5s")
    Duration connectTimeout();
}
