package io.tritonlogs.support.loki;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How every service reaches Loki, the same properties under {@code loki.*} in each: a service's own
 * {@code @ConfigMapping(prefix = "loki")} interface extends this one and adds what only it needs.
 */
public interface LokiConnectionConfig {
    /** Loki's base URL. Default {@code http://localhost:3100}. Env: LOKI_URL. */
    @WithDefault("http://localhost:3100")
    String url();

    /** {@code X-Scope-OrgID} for a multi-tenant Loki. Default none. Env: LOKI_TENANT_ID. */
    Optional<String> tenantId();

    /** HTTP Basic user name, e.g. for a gateway in front of Loki. Default none. Env: LOKI_USERNAME. */
    Optional<String> username();

    /** HTTP Basic password (never logged). Default none. Env: LOKI_PASSWORD. */
    Optional<String> password();

    /** Bearer token (never logged); wins over Basic when both are set. Default none. Env: LOKI_BEARER_TOKEN. */
    Optional<String> bearerToken();

    /** Timeout to open a connection to Loki. Default 5s. Env: LOKI_CONNECT_TIMEOUT. */
    @WithDefault("5s")
    Duration connectTimeout();
}
