package io.tritonlogs.alert.testing;

import io.tritonlogs.alert.eval.LokiQueryClient;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiHttpClient;

import java.time.Duration;
import java.util.Optional;

/** Rule query clients built by hand, as the service builds its own from {@code loki.*}. */
public final class LokiClients {

    private LokiClients() {
    }

    public static LokiQueryClient queryClient(String url, Duration timeout) {
        return queryClient(LokiConnection.anonymous(url, timeout, timeout));
    }

    public static LokiQueryClient queryClient(LokiConnection connection) {
        return new LokiQueryClient(new LokiHttpClient(connection, "rules", "alert-service-test", null), TestJson.MAPPER);
    }

    /** With a tenant and a bearer token (either may be empty or blank). */
    public static LokiQueryClient queryClient(String url, Duration timeout, Optional<String> tenantId, Optional<String> bearerToken) {
        return queryClient(LokiConnection.of(url, tenantId, Optional.empty(), Optional.empty(), bearerToken, timeout, timeout));
    }
}
