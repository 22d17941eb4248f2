package io.tritonlogs.collector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged collector (the JVM jar; with -Dnative, the native executable) starts and answers its JSON API.
 * It reads an empty pod log directory here: the Docker source over epoll is exercised by the system tests on
 * the JVM only. docs/native.md says what has and has not been run natively.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedServiceIT.Config.class)
class PackagedServiceIT {

    public static class Config implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Path pods = Path.of("target", "it-pods").toAbsolutePath();
            try {
                Files.createDirectories(pods);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("collector.source", "files", "collector.files.pods-dir", pods.toString(),
                    "collector.data-dir", Path.of("target", "it-data").toAbsolutePath().toString(),
                    "loki.url", "http://127.0.0.1:9");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void startsAndListsItsTargets() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/v1/targets").then().statusCode(200).body("count", equalTo(0));
    }
}
