package io.tritonlogs.collector.docker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerFilterTest {

    private static final ContainerInfo TRITON = container("a1b2c3", "triton-server-1",
            Map.of("com.docker.compose.service", "triton", "logs", "on"));
    private static final ContainerInfo LOKI = container("d4e5f6", "stack-loki-1", Map.of("com.docker.compose.service", "loki"));

    private static ContainerInfo container(String id, String name, Map<String, String> labels) {
        return new ContainerInfo(id, name, labels, false, true, 0);
    }

    private static ContainerFilter filter(String include, String exclude, List<String> includeLabels, List<String> excludeLabels) {
        return new ContainerFilter(Optional.ofNullable(include).map(Pattern::compile), Optional.ofNullable(exclude).map(Pattern::compile),
                includeLabels, excludeLabels, Optional.empty());
    }

    @Test
    void withoutSettingsEveryContainerIsFollowed() {
        ContainerFilter all = filter(null, null, List.of(), List.of());
        assertThat(all.accepts(TRITON)).isTrue();
        assertThat(all.accepts(LOKI)).isTrue();
    }

    @Test
    void namesAreRegexesFoundAnywhereInTheName() {
        assertThat(filter("triton", null, List.of(), List.of()).accepts(TRITON)).isTrue();
        assertThat(filter("triton", null, List.of(), List.of()).accepts(LOKI)).isFalse();
        assertThat(filter("^triton-", "-1$", List.of(), List.of()).accepts(TRITON)).as("exclude wins over include").isFalse();
        assertThat(filter(null, "loki", List.of(), List.of()).accepts(LOKI)).isFalse();
        assertThat(filter(null, "loki", List.of(), List.of()).accepts(TRITON)).isTrue();
    }

    @Test
    void labelsMatchByKeyOrByKeyAndValueAndEveryIncludedLabelIsNeeded() {
        assertThat(filter(null, null, List.of("logs"), List.of()).accepts(TRITON)).isTrue();
        assertThat(filter(null, null, List.of("logs"), List.of()).accepts(LOKI)).isFalse();
        assertThat(filter(null, null, List.of("com.docker.compose.service=triton"), List.of()).accepts(TRITON)).isTrue();
        assertThat(filter(null, null, List.of("com.docker.compose.service=triton"), List.of()).accepts(LOKI)).isFalse();
        assertThat(filter(null, null, List.of("logs", "com.docker.compose.service=loki"), List.of()).accepts(TRITON)).isFalse();
        assertThat(filter(null, null, List.of(), List.of("com.docker.compose.service = loki")).accepts(LOKI)).isFalse();
        assertThat(filter(null, null, List.of(), List.of("com.docker.compose.service=loki")).accepts(TRITON)).isTrue();
    }

    @Test
    void theCollectorsOwnContainerIsNeverFollowed() {
        ContainerFilter self = new ContainerFilter(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.of("a1b2"));
        assertThat(self.accepts(TRITON)).isFalse();
        assertThat(self.accepts(LOKI)).isTrue();
    }
}
