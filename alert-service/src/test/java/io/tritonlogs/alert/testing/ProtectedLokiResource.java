package io.tritonlogs.alert.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Points the app under test at the {@link ProtectedLoki} through its {@code loki.*} settings (tenant
 * {@value #TENANT}, Basic credentials), with one rule counting the {@value #LINES} error lines pushed
 * for that tenant. Without {@code LOKI_BIN} the app gets an unreachable Loki and the tests skip.
 */
public class ProtectedLokiResource implements QuarkusTestResourceLifecycleManager {

    public static final String TENANT = "team-a";
    public static final String USER = "alerts";
    public static final String PASSWORD = "s3cret-pass";
    public static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    public static final int LINES = 4;

    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("alert-protected-service");
            Path rules = Files.createDirectories(root.resolve("rules"));
            String run = "service" + Long.toHexString(System.nanoTime());
            Files.writeString(rules.resolve("tenant.yaml"), """
                    groups:
                      - name: tenant
                        rules:
                          - alert: TenantErrors
                            expr: sum by (model_name) (count_over_time({run="%s", level="ERROR"}[10m])) > 0
                    """.formatted(run));
            Map<String, String> common = Map.of("alert.rules-dir", rules.toString(), "alert.data-dir", root.resolve("data").toString(),
                    "quarkus.scheduler.enabled", "false");
            if (ProtectedLoki.executable().isEmpty()) {
                return merge(common, Map.of("loki.url", "http://127.0.0.1:9"));
            }
            ProtectedLoki loki = ProtectedLoki.shared();
            loki.push(TENANT, Map.of("service", "alert-test", "level", "ERROR", "model_name", "tenant_model", "run", run), LINES);
            return merge(common, Map.of("loki.url", loki.url(), "loki.tenant-id", TENANT, "loki.username", USER, "loki.password", PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    /** Removes the rules and data; the shared Loki stops with the JVM. */
    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
