package io.tritonlogs.alert.config;

import io.smallrye.config.ConfigMapping;
import io.tritonlogs.support.loki.LokiConnectionConfig;

/**
 * The Loki the rules are evaluated against: its URL, tenant ({@code LOKI_TENANT_ID}) and credentials
 * ({@code LOKI_BEARER_TOKEN}, or {@code LOKI_USERNAME}/{@code LOKI_PASSWORD}), as in every service.
 * The query timeout stays {@code alert.query-timeout}.
 */
@ConfigMapping(prefix = "loki")
public interface LokiConfig extends LokiConnectionConfig {
}
