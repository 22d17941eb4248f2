package io.tritonlogs.collector.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.RealLoki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Test resource: the collector ships to the real Loki of {@link RealLoki} (without one, to a
 * loopback port nobody listens on, and the tests using this resource skip themselves), with a
 * fresh data directory, following only containers whose name starts with {@code tlt-}.
 */
public class RealLokiTarget implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Busybox.removeAllTestContainers();
            return Map.of("loki.url", RealLoki.url().orElse("http://127.0.0.1:9"),
                    "collector.data-dir", Files.createTempDirectory("collector-data").toString(),
                    "collector.docker.include-names", "^tlt-",
                    "collector.shipping.batch-max-wait", "200ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        Busybox.removeAllTestContainers();
    }
}
