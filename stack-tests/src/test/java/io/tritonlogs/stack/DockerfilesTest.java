package io.tritonlogs.stack;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The JVM images run inside the memory limit compose gives them ({@code mem_limit}, as the k8s base): the serial
     * collector, a heap of at most half the limit (-Xmx, or JAVA_MAX_MEM_RATIO of the ubi openjdk image's
     * run-java.sh), and heap + metaspace + code cache + direct memory caps that add up to no more than the limit.
     */
    @TestFactory
    List<DynamicTest> jvmSettingsFitEachServicesMemoryLimit() {
        var compose = Repo.yaml(Repo.path("docker-compose.yml")).path("services");
        List<DynamicTest> tests = new ArrayList<>();
        SERVICES.keySet().stream().sorted().forEach(service -> tests.add(DynamicTest.dynamicTest(service, () -> {
            long limitMiB = mebibytes(compose.path(service).path("mem_limit").asText());
            Map<String, String> env = env(Repo.read(Repo.path(service + "/src/main/docker/Dockerfile.jvm")));
            assertThat(env.get("GC_CONTAINER_OPTIONS")).as("%s's GC", service).contains("-XX:+UseSerialGC");
            assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2");
            String opts = env.getOrDefault("JAVA_OPTS_APPEND", "");
            assertThat(opts).contains("-Dquarkus.http.host=0.0.0.0", "-XX:+ExitOnOutOfMemoryError");
            long heap = option(opts, "-Xmx");
            if (heap < 0) {
                assertThat(env).as("%s: -Xmx or JAVA_MAX_MEM_RATIO", service).containsKey("JAVA_MAX_MEM_RATIO");
                heap = limitMiB * Long.parseLong(env.get("JAVA_MAX_MEM_RATIO")) / 100;
            }
            long metaspace = option(opts, "-XX:MaxMetaspaceSize=");
            long codeCache = option(opts, "-XX:ReservedCodeCacheSize=");
            long direct = option(opts, "-XX:MaxDirectMemorySize=");
            assertThat(List.of(metaspace, codeCache, direct)).as("%s caps metaspace, code cache and direct memory", service)
                    .allMatch(v -> v > 0);
            assertThat(heap).as("%s's heap in a %d MiB limit", service, limitMiB).isPositive().isLessThanOrEqualTo(limitMiB / 2);
            assertThat(heap + metaspace + codeCache + direct).as("%s's caps in a %d MiB limit", service, limitMiB)
                    .isLessThanOrEqualTo(limitMiB);
        })));
        return tests;
    }

    /** The ENV variables a Dockerfile sets (last one wins), quotes removed. */
    private static Map<String, String> env(String dockerfile) {
        Map<String, String> env = new HashMap<>();
        Matcher m = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher("");
        dockerfile.lines().filter(l -> l.startsWith("ENV ")).forEach(l -> {
            m.reset(l.substring(4));
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
        });
        return env;
    }

    /** A JVM size option's value in MiB, -1 when absent. */
    private static long option(String opts, String prefix) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(prefix) + "(\\d+[kKmMgG])").matcher(opts);
        return m.find() ? mebibytes(m.group(1)) : -1;
    }

    private static long mebibytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG])i?[bB]?").matcher(size);
        assertThat(m.matches()).as("a size: %s", size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> n / 1024;
            case 'g' -> n * 1024;
            default -> n;
        };
    }
}
