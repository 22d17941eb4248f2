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

    /**
     * Whether entries carry Loki 3 structured metadata ({@code pid}, {@code source},
     * {@code request_id}, {@code model_version}): {@code auto} sends it unless Loki's
     * {@code /loki/api/v1/status/buildinfo} names a version before 3.0 or a push is refused because
     * the feature is off ({@code allow_structured_metadata: false}); {@code on} always; {@code off}
     * never (Loki 2.x drops it silently anyway). Env: LOKI_STRUCTURED_METADATA. Default auto.
     */
    @WithDefault("auto")
    StructuredMetadata structuredMetadata();

    enum StructuredMetadata {
        AUTO, ON, OFF
    }
}
