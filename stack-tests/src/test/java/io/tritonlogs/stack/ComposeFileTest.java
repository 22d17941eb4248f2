package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml: the services, pinned images, health checks, volumes and the Docker socket. */
class ComposeFileTest {
    private static final Map<String, Integer> OUR_SERVICES = Map.of("collector-service", 8081, "query-service", 8082, "alert-service", 8083);

    private final JsonNode compose = Repo.yaml(Repo.path("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    @Test
    void hasTheWholeStack() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("triton", "triton-demo", "loki", "grafana", "prometheus",
                "collector-service", "query-service", "alert-service");
    }

    @Test
    void everyImageIsPinned() {
        List<String> images = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            assertThat(e.getValue().has("image")).as("service %s names its image", e.getKey()).isTrue();
            images.add(e.getValue().path("image").asText());
        });
        assertThat(ImageRefs.unpinned(images)).isEmpty();
    }

    @Test
    void tritonAndTheDemoReplayerAreAlternativeProfiles() {
        assertThat(services.path("triton").path("profiles").toString()).contains("gpu");
        assertThat(services.path("triton").path("deploy").path("resources").path("reservations").path("devices").get(0)
                .path("capabilities").toString()).contains("gpu");
        assertThat(services.path("triton").path("volumes").toString()).contains(":/models");
        assertThat(services.path("triton").path("command").toString()).contains("--log-verbose", "--log-format", "--model-repository=/models");
        assertThat(services.path("triton-demo").path("profiles").toString()).contains("demo");
        assertThat(services.path("triton-demo").path("command").toString()).contains("/demo/replay.sh");
        assertThat(services.path("triton-demo").path("environment").path("DEMO_LINES_PER_SECOND").asText()).isNotEmpty();
        services.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("triton")) {
                assertThat(e.getValue().has("profiles")).as("%s runs in every profile", e.getKey()).isFalse();
            }
        });
    }

    @Test
    void ourServicesAreBuiltFromTheirDockerfilesWithHealthChecksAndRestartPolicies() {
        OUR_SERVICES.forEach((name, port) -> {
            JsonNode s = services.path(name);
            assertThat(s.path("image").asText()).isEqualTo("triton-logs/" + name + ":0.1.0");
            assertThat(s.path("build").path("context").asText()).isEqualTo(".");
            // The JVM image by default (it builds in minutes on a laptop); native only when SERVICE_DOCKERFILE says so.
            String dockerfile = s.path("build").path("dockerfile").asText();
            assertThat(dockerfile).as("%s's Dockerfile", name).isEqualTo(name + "/src/main/docker/${SERVICE_DOCKERFILE:-Dockerfile.jvm}");
            assertThat(Repo.path(dockerfile.replace("${SERVICE_DOCKERFILE:-Dockerfile.jvm}", "Dockerfile.jvm"))).isRegularFile();
            assertThat(Repo.path(dockerfile.replace("${SERVICE_DOCKERFILE:-Dockerfile.jvm}", "Dockerfile.native"))).isRegularFile();
            assertThat(s.path("mem_limit").asText()).as("%s has a memory limit its JVM settings fit (DockerfilesTest)", name)
                    .matches("\\d+[mg]");
            assertThat(s.path("restart").asText()).isIn("unless-stopped", "always");
            String test = s.path("healthcheck").path("test").toString();
            assertThat(test).as("%s health check", name).contains("/dev/tcp/127.0.0.1/" + port, "/q/health/ready");
            assertThat(s.path("ports").toString()).contains(port + ":" + port);
            assertThat(s.path("environment").path("LOKI_URL").asText()).isEqualTo("http://loki:3100");
            s.path("environment").fieldNames().forEachRemaining(env ->
                    assertThat(env).as("%s is configured through DESIGN.md's env vars or QUARKUS_*", name)
                            .matches("LOKI_URL|PROMETHEUS_URL|COLLECTOR_.*|DOCKER_HOST|ALERT_.*|QUARKUS_.*"));
        });
        for (String name : List.of("loki", "grafana", "prometheus")) {
            assertThat(services.path(name).path("restart").asText()).as(name).isEqualTo("unless-stopped");
        }
    }

    @Test
    void onlyTheCollectorSeesTheDockerSocketAndOnlyReadOnly() {
        services.fields().forEachRemaining(e -> {
            List<String> socketMounts = new ArrayList<>();
            e.getValue().path("volumes").forEach(v -> {
                if (v.asText().contains("docker.sock")) {
                    socketMounts.add(v.asText());
                }
            });
            if (e.getKey().equals("collector-service")) {
                assertThat(socketMounts).containsExactly("/var/run/docker.sock:/var/run/docker.sock:ro");
            } else {
                assertThat(socketMounts).as("%s mounts the Docker socket", e.getKey()).isEmpty();
            }
        });
        JsonNode collector = services.path("collector-service");
        assertThat(collector.path("group_add").get(0).asText()).startsWith("${DOCKER_GID:?");
        assertThat(collector.path("user").isMissingNode()).as("the collector stays non-root").isTrue();
        assertThat(collector.path("environment").path("COLLECTOR_SOURCE").asText()).isEqualTo("docker");
    }

    @Test
    void positionsAlertStateAndStoresAreNamedVolumes() {
        assertThat(services.path("collector-service").path("volumes").toString()).contains("collector-data:/work/data");
        assertThat(services.path("collector-service").path("environment").path("COLLECTOR_DATA_DIR").asText()).isEqualTo("/work/data");
        assertThat(services.path("alert-service").path("volumes").toString()).contains("alert-data:/work/data");
        assertThat(services.path("alert-service").path("environment").path("ALERT_DATA_DIR").asText()).isEqualTo("/work/data");
        assertThat(services.path("loki").path("volumes").toString()).contains("loki-data:/loki", "./config/loki/loki-config.yaml");
        for (String volume : List.of("loki-data", "grafana-data", "prometheus-data", "collector-data", "alert-data")) {
            assertThat(compose.path("volumes").has(volume)).as(volume).isTrue();
        }
    }

    @Test
    void everyMountedHostFileExists() {
        services.fields().forEachRemaining(e -> e.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith("./") && !source.contains("${")) {
                assertThat(Repo.path(source.substring(2))).as("%s mounts %s", e.getKey(), source).exists();
            }
        }));
    }

    @Test
    void grafanaHasNoDefaultPasswordAndEveryRequiredVariableIsInEnvExample() {
        assertThat(services.path("grafana").path("environment").path("GF_SECURITY_ADMIN_PASSWORD").asText())
                .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
        String raw = Repo.read(Repo.path("docker-compose.yml"));
        assertThat(raw).doesNotContainIgnoringCase("admin/admin").doesNotContain("GF_SECURITY_ADMIN_PASSWORD: admin");
        String example = Repo.read(Repo.path(".env.example"));
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[-?][^}]*)?}").matcher(raw);
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            if (!Pattern.compile("(?m)^" + m.group(1) + "=").matcher(example).find()) {
                missing.add(m.group(1));
            }
        }
        assertThat(missing).as("variables used by docker-compose.yml but not in .env.example").isEmpty();
        assertThat(example).containsPattern("(?m)^GRAFANA_ADMIN_PASSWORD=$");
    }

    @Test
    void theDemoMountsTheReplayer() {
        assertThat(Files.isRegularFile(Repo.path("demo/replay.sh"))).isTrue();
        assertThat(services.path("triton-demo").path("volumes").toString()).contains("./demo:/demo:ro");
    }

    @Test
    void jvmImagesAreTheDefaultAndNativeIsAnExplicitChoiceWithItsMemoryStated() {
        String raw = Repo.read(Repo.path("docker-compose.yml"));
        assertThat(raw).doesNotContain(":-Dockerfile.native}");
        String example = Repo.read(Repo.path(".env.example"));
        assertThat(example).containsPattern("(?m)^SERVICE_DOCKERFILE=Dockerfile.jvm$");
        assertThat(example).contains("Dockerfile.native", "6 GB", "docs/native.md");
        String doc = Repo.read(Repo.path("docs/native.md"));
        assertThat(doc).contains("SERVICE_DOCKERFILE=Dockerfile.native", "6 GB", "scripts/start-stack.sh",
                "quay.io/quarkus/ubi-quarkus-mandrel-builder-image:");
    }

    /**
     * scripts/start-stack.sh, run with a stand-in docker on the PATH that records its calls: it builds our three
     * images one at a time (never {@code up --build}, which builds them all at once), JVM images unless asked.
     */
    @Test
    void startStackBuildsTheServicesOneAtATimeThenStartsTheStack(@TempDir Path dir) throws Exception {
        StartStackRun jvm = runStartStack(dir.resolve("jvm"), null);
        assertThat(jvm.exitCode).as(jvm.output).isZero();
        assertThat(jvm.calls).containsExactly(
                "COMPOSE_PARALLEL_LIMIT=1 compose --profile demo build collector-service",
                "COMPOSE_PARALLEL_LIMIT=1 compose --profile demo build query-service",
                "COMPOSE_PARALLEL_LIMIT=1 compose --profile demo build alert-service",
                "COMPOSE_PARALLEL_LIMIT=1 compose --profile demo up -d",
                "COMPOSE_PARALLEL_LIMIT=1 compose ps");
        assertThat(jvm.output).contains("with Dockerfile.jvm").doesNotContain("Dockerfile.native");
        String env = Files.readString(dir.resolve("jvm/.env"));
        assertThat(env).containsPattern("(?m)^SERVICE_DOCKERFILE=Dockerfile.jvm$").containsPattern("(?m)^GRAFANA_ADMIN_PASSWORD=.{12,}$");

        StartStackRun nativeRun = runStartStack(dir.resolve("native"), "Dockerfile.native");
        assertThat(nativeRun.exitCode).as(nativeRun.output).isZero();
        assertThat(nativeRun.output).contains("with Dockerfile.native", "6 GB");
        assertThat(nativeRun.calls.stream().filter(c -> c.contains(" build ")).count()).isEqualTo(3);
        assertThat(nativeRun.calls).noneMatch(c -> c.contains("--build"));
    }

    private record StartStackRun(int exitCode, String output, List<String> calls) {
    }

    private static StartStackRun runStartStack(Path copy, String serviceDockerfile) throws IOException, InterruptedException {
        Files.createDirectories(copy.resolve("scripts"));
        Files.createDirectories(copy.resolve("bin"));
        Files.copy(Repo.path("scripts/start-stack.sh"), copy.resolve("scripts/start-stack.sh"));
        Files.copy(Repo.path(".env.example"), copy.resolve(".env.example"));
        Path calls = copy.resolve("docker-calls.txt");
        Path docker = copy.resolve("bin/docker");
        Files.writeString(docker, "#!/bin/sh\necho \"COMPOSE_PARALLEL_LIMIT=${COMPOSE_PARALLEL_LIMIT:-} $*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", copy.resolve("scripts/start-stack.sh").toString()).redirectErrorStream(true);
        pb.environment().put("PATH", copy.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("SERVICE_DOCKERFILE");
        pb.environment().remove("COMPOSE_PARALLEL_LIMIT");
        if (serviceDockerfile != null) {
            pb.environment().put("SERVICE_DOCKERFILE", serviceDockerfile);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new StartStackRun(p.exitValue(), output, recorded);
    }
}
