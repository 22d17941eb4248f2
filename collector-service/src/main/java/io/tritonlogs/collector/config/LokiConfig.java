package io.tritonlogs.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tritonlogs.support.loki.LokiConnectionConfig;

/**
 * Where and how to push to Loki: the connection settings every service shares
 * ({@code loki.url} from LOKI_URL, DESIGN.md) and what only the collector needs.
 */
@ConfigMapping(prefix = "loki")
public interface LokiConfig extends LokiConnectionConfig {

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
