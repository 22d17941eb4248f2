package io.tritonlogs.collector.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.RealLoki;

import java.util.Map;

/**
 * Test resource: the collector ships to the real Loki of {@link RealLoki} (without one, to a
 * loopback port nobody listens on, and the tests using this resource skip themselves), with a
 * fresh data directory, following only containers whose name starts with {@code tlt-}.
 */
public class RealLokiTarget implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return StandInLoki.collectorShippingTo(RealLoki.url().orElse("http://127.0.0.1:9"));
    }

    @Override
    public void stop() {
        Busybox.removeAllTestContainers();
    }
}
