package io.tritonlogs.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where and how to push to Loki; {@code loki.url} comes from LOKI_URL (DESIGN.md). */
@ConfigMapping(prefix = "loki")
public interface LokiConfig {
    /** Loki's base URL. Env: LOKI_URL. */
    @WithDefault("http://localhost:3100")
    String url();

    /** {@code X-Scope-OrgID} for multi-tenant Loki. Default none. */
    Optional<String> tenantId();

    /** Basic auth user. Default none. */
    Optional<String> username();

    /** Basic auth password (never logged). Default none. */
    Optional<String> password();

    /** Bearer token (never logged). Default none. */
    Optional<String> bearerToken();
}
