package io.tritonlogs.collector;

import io.tritonlogs.collector.api.TargetsResource;
import io.tritonlogs.common.testing.NativeSources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native readiness, checked on the packaged application and on what the build generated for native-image
 * (target/native-sources/, see docs/native.md): no GraalVM is needed, and none runs here.
 */
class NativeConfigurationIT {
    private static final NativeSources NATIVE = NativeSources.ofThisModule();

    /** The Docker socket is reached through epoll's unix domain sockets, on x86-64 and arm64 nodes. */
    @Test
    void epollIsPackagedForX86AndArm() throws IOException {
        List<String> packaged;
        try (Stream<Path> jars = Files.list(Path.of("target", "quarkus-app", "lib", "main"))) {
            packaged = jars.map(j -> j.getFileName().toString()).toList();
        }
        for (List<String> libraries : List.of(packaged, NATIVE.libraries())) {
            assertThat(libraries).anyMatch(j -> j.startsWith("io.netty.netty-transport-native-epoll-") && j.endsWith("-linux-x86_64.jar"));
            assertThat(libraries).anyMatch(j -> j.startsWith("io.netty.netty-transport-native-epoll-") && j.endsWith("-linux-aarch_64.jar"));
        }
    }

    /**
     * The collector writes JSON only through Jackson trees (positions, Docker and Kubernetes answers); its one
     * JSON answer, GET /api/v1/targets, is a REST return type, which Quarkus registers with what it holds.
     */
    @Test
    void theTargetsAnswerIsRegisteredForReflection() {
        assertThat(NATIVE.registeredForJackson()).containsAll(NativeSources.withTheTypesTheyHold(TargetsResource.TargetsAnswer.class));
    }
}
