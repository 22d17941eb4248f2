package io.tritonlogs.stack;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** STYLE item 15: src/main/docker/Dockerfile.{jvm,native} per service, non-root, pinned, with build commands. */
class DockerfilesTest {
    private static final Map<String, Integer> SERVICES = Map.of("collector-service", 8081, "query-service", 8082, "alert-service", 8083);

    @TestFactory
    List<DynamicTest> everyServiceHasPinnedNonRootDockerfiles() {
        List<DynamicTest> tests = new ArrayList<>();
        SERVICES.forEach((service, port) -> {
            for (String variant : List.of("native", "jvm")) {
                Path file = Repo.path(service + "/src/main/docker/Dockerfile." + variant);
                tests.add(DynamicTest.dynamicTest(service + " " + variant, () -> check(file, service, variant, port)));
            }
        });
        return tests;
    }

    private static void check(Path file, String service, String variant, int port) {
        assertThat(file).isRegularFile();
        List<String> lines = Repo.read(file).lines().toList();
        assertThat(lines.get(0)).startsWith("#");
        String header = String.join("\n", lines.stream().takeWhile(l -> l.startsWith("#")).toList());
        assertThat(header).contains("docker build -f " + service + "/src/main/docker/Dockerfile." + variant);

        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).map(l -> l.split("\\s+")[1]).toList();
        assertThat(froms).as("multi-stage: a build stage and a runtime stage").hasSize(2);
        assertThat(ImageRefs.unpinned(froms)).isEmpty();

        String users = String.join(",", lines.stream().filter(l -> l.startsWith("USER ")).toList());
        String lastUser = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertThat(lastUser).as("runs as non-root: %s", users).isEqualTo(variant.equals("native") ? "USER 1001" : "USER 185");
        assertThat(lines).contains("EXPOSE " + port);

        String build = String.join("\n", lines);
        assertThat(build).contains("./mvnw", "-pl " + service, "-am", "-DskipTests");
        if (variant.equals("native")) {
            assertThat(froms.get(0)).startsWith("quay.io/quarkus/ubi-quarkus-mandrel-builder-image:");
            assertThat(froms.get(1)).startsWith("quay.io/quarkus/quarkus-micro-image:");
            assertThat(build).contains("-Dnative");
        } else {
            assertThat(froms.get(1)).startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:");
            assertThat(build).contains("quarkus-app");
        }
        Path ignore = file.resolveSibling(file.getFileName() + ".dockerignore");
        assertThat(Repo.read(ignore)).contains("**/target/");
    }
}
