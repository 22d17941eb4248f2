package io.tritonlogs.query.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tritonlogs.common.testing.RealLoki;

import java.util.Map;

/**
 * A real Loki ({@link RealLoki}: {@code LOKI_URL} or the compose file's image in Testcontainers). Without one, the application points at a loopback port nobody
 * listens on and the tests using this resource skip themselves.
 */
public class RealLokiResource implements QuarkusTestResourceLifecycleManager {

    public static String lokiUrl() {
        return RealLoki.url().orElse(null);
    }

    @Override
    public Map<String, String> start() {
        String url = lokiUrl();
        return Map.of("loki.url", url == null ? "http://127.0.0.1:9" : url, "prometheus.url", "");
    }

    @Override
    public void stop() {
    }
}
