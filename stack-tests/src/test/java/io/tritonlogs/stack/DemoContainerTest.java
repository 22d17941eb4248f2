package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo replayer as compose runs it: in a busybox container (built FROM scratch with Debian's
 * static busybox, since no registry is reachable), read-only, as uid 65534, network none, with
 * demo/ mounted read-only. Its Docker log, which is what the collector reads, parses as the
 * fixtures expect. Needs a Docker engine, like the collector's tests (.ci/run starts one).
 */
class DemoContainerTest {
    private static final String IMAGE = "tritonlogs-test/demo-busybox:1";
    private static final String NAME = "tritonlogs-stack-demo-" + ProcessHandle.current().pid();

    @Test
    void theDemoContainersLogParsesAsTheFixturesExpect() throws Exception {
        JsonNode demo = Repo.yaml(Repo.path("docker-compose.yml")).path("services").path("triton-demo");
        assertThat(demo.path("read_only").asBoolean()).isTrue();
        String user = demo.path("user").asText();
        List<String> command = new ArrayList<>();
        demo.path("command").forEach(c -> command.add(c.asText()));
        assertThat(command).containsExactly("sh", "/demo/replay.sh");

        buildImage();
        Instant before = Instant.now().minusSeconds(1);
        List<String> run = new ArrayList<>(List.of("docker", "run", "--name", NAME, "--network", "none", "--read-only",
                "--user", user, "-v", Repo.path("demo") + ":/demo:ro",
                "-e", "DEMO_LOOPS=1", "-e", "DEMO_LINES_PER_SECOND=0", "-e", "DEMO_PAUSE_SECONDS=0", IMAGE));
        run.addAll(command);
        Result result = docker(run.toArray(String[]::new));
        assertThat(result.exitCode()).as("docker run: %s", result.output()).isZero();
        Instant after = Instant.now().plusSeconds(1);

        Process logs = new ProcessBuilder("docker", "logs", NAME).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(logs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(logs.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>(List.of(stdout.split("\n", -1)));
        assertThat(lines.remove(lines.size() - 1)).isEmpty();
        DemoReplayerTest.assertParsesAsTheFixturesExpect(lines, before, after);
    }

    @AfterAll
    static void removeContainer() {
        docker("rm", "-f", NAME);
    }

    private static void buildImage() throws IOException {
        if (docker("image", "inspect", IMAGE).exitCode() == 0) {
            return;
        }
        Path busybox = Path.of("/bin/busybox");
        assertThat(busybox).as("Debian's busybox-static (apt-get install busybox-static; .ci/run installs it)").isExecutable();
        Path context = Files.createTempDirectory("demo-busybox");
        Path bin = Files.createDirectories(context.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : List.of("sh", "date", "sleep", "dirname", "cat")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY bin /bin\n");
        Result built = docker("build", "-q", "--network", "none", "-t", IMAGE, context.toString());
        assertThat(built.exitCode()).as("docker build: %s", built.output()).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result docker(String... args) {
        List<String> command = new ArrayList<>();
        if (!args[0].equals("docker")) {
            command.add("docker");
        }
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("could not run docker: this test needs a Docker engine (see DESIGN.md; .ci/run starts one)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
