package io.tritonlogs.query;

import io.tritonlogs.common.testing.NativeSources;
import io.tritonlogs.query.search.LogEntry;
import io.tritonlogs.support.rest.Problem;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native readiness, checked on what the build generated for native-image (target/native-sources/, see
 * docs/native.md): no GraalVM is needed, and none runs here.
 */
class NativeConfigurationIT {
    private static final NativeSources NATIVE = NativeSources.ofThisModule();

    /**
     * What Jackson writes by reflection beyond REST return types (which Quarkus registers itself): every problem
     * is a Response entity, and GET /tail's server-sent events carry LogEntry data.
     */
    @Test
    void everyTypeJacksonHandlesOutsideRestReturnTypesIsRegisteredForReflection() {
        Set<String> types = NativeSources.withTheTypesTheyHold(Problem.class, LogEntry.class);
        assertThat(types).contains("io.tritonlogs.query.search.LogEntry$Parsed");
        assertThat(NATIVE.registeredForJackson()).containsAll(types);
    }

    @Test
    void theNativeBuildNeverFallsBackToAJvmImage() {
        assertThat(NATIVE.args()).contains("--no-fallback");
    }
}
