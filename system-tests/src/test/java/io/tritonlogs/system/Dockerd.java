package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Restarts the Docker engine of this machine (CI runs {@code dockerd} by hand, as root, with
 * {@code --bridge=none}): SIGTERM to the running dockerd, wait until it and
 * {@code /var/run/docker.pid} are gone, start it again detached ({@code setsid}) with the same
 * arguments. {@link #ensureRunning()} brings it back whatever happened.
 */
final class Dockerd {

    private static final Path PID_FILE = Path.of("/var/run/docker.pid");
    private static List<String> lastCommand;

    private Dockerd() {
    }

    static boolean visible() {
        return !Busybox.run(false, "pgrep", "-x", "dockerd").output().isBlank();
    }

    static long pid() {
        String out = Busybox.run(false, "pgrep", "-x", "dockerd").output().trim();
        if (out.isEmpty()) {
            throw new IllegalStateException("no dockerd process on this machine: this test restarts a dockerd it can see");
        }
        return Long.parseLong(out.split("\\s+")[0]);
    }

    static List<String> command(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
        List<String> args = new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
        args.removeIf(String::isEmpty);
        return args;
    }

    static void restart() throws IOException {
        long pid = pid();
        List<String> command = command(pid);
        lastCommand = command;
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroy(); // SIGTERM
        Await.until(Duration.ofSeconds(60), "dockerd " + pid + " to exit and remove " + PID_FILE,
                () -> !handle.isAlive() && !Files.exists(PID_FILE));
        start(command);
    }

    private static void start(List<String> command) throws IOException {
        List<String> detached = new ArrayList<>(List.of("setsid"));
        detached.addAll(command);
        new ProcessBuilder(detached).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Suite.out().resolve("dockerd.log").toFile()))
                .start();
        Await.until(Duration.ofSeconds(60), "docker info after starting " + command, Dockerd::up);
    }

    static boolean up() {
        return Busybox.run(false, "docker", "info").exitCode() == 0;
    }

    /** Restores the engine if a restart went wrong half way. */
    static void ensureRunning() throws IOException {
        if (up()) {
            return;
        }
        boolean running = !Busybox.run(false, "pgrep", "-x", "dockerd").output().isBlank();
        if (!running && lastCommand != null) {
            Await.until(Duration.ofSeconds(30), PID_FILE + " gone", () -> !Files.exists(PID_FILE));
            start(lastCommand);
        } else {
            Await.until(Duration.ofSeconds(60), "docker info", Dockerd::up);
        }
    }
}
