package io.tritonlogs.query.config;

import io.smallrye.config.ConfigMapping;
import io.tritonlogs.support.loki.LokiConnectionConfig;

import java.util.Optional;

/** Where Loki answers queries: the shared {@code loki.*} connection (LOKI_URL, DESIGN.md) and the tail's own base URL. */
@ConfigMapping(prefix = "loki")
public interface LokiConfig extends LokiConnectionConfig {

    /** Base URL for the tail websocket when a gateway serves it elsewhere. Default: {@link #url()}. */
    Optional<String> tailUrl();
}
