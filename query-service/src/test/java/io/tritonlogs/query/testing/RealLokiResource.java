package io.tritonlogs.query.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real Loki from {@code LOKI_URL}. Unset, the application points at a loopback port nobody
 * listens on and the tests using this resource skip themselves.
 */
public class RealLokiResource implements QuarkusTestResourceLifecycleManager {

    public static String lokiUrl() {
        return System.getenv("LOKI_URL");
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
