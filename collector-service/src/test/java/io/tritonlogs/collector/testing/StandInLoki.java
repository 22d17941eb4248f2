package io.tritonlogs.collector.testing;

import io.tritonlogs.common.testing.Busybox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tritonlogs.common.testing.LokiPushStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Test resource: the Loki push stand-in on loopback plus a fresh data directory. The collector
 * under test follows only containers whose name starts with {@code tlt-} (test containers).
 */
public class StandInLoki implements QuarkusTestResourceLifecycleManager {

    private static LokiPushStandIn loki;

    public static LokiPushStandIn loki() {
        return loki;
    }

    @Override
    public Map<String, String> start() {
        try {
            loki = new LokiPushStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return collectorShippingTo(loki.url());
    }

    /**
     * The collector's test configuration: ships to {@code lokiUrl}, keeps positions in a fresh
     * directory and follows only containers named {@code tlt-…}, none left from an earlier run.
     */
    public static Map<String, String> collectorShippingTo(String lokiUrl) {
        try {
            Busybox.removeAllTestContainers();
            return Map.of("loki.url", lokiUrl,
                    "collector.data-dir", Files.createTempDirectory("collector-data").toString(),
                    "collector.docker.include-names", "^tlt-",
                    "collector.shipping.batch-max-wait", "200ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (loki != null) {
            loki.close();
        }
        Busybox.removeAllTestContainers();
    }
}
