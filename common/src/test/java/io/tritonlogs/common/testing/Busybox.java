package io.tritonlogs.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real containers for tests, through the docker CLI: an image built FROM scratch with Debian's
 * static busybox (no registry is reachable), always run with network mode {@code none}.
 */
public final class Busybox {

    public static final String IMAGE = "tritonlogs-test/busybox:1";
    private static final String[] APPLETS = {"sh", "cat", "echo", "sleep", "seq", "printf", "head", "yes", "tr", "true", "wc", "dd"};
    private static boolean built;

    private Busybox() {
    }

    public static synchronized void ensureImage() {
        if (built) {
            return;
        }
        if (run(false, "docker", "image", "inspect", IMAGE).exitCode() != 0) {
            try {
                Path context = Files.createTempDirectory("busybox-image");
                Path bin = Files.createDirectories(context.resolve("bin"));
                Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
                for (String applet : APPLETS) {
                    Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
                }
                Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY bin /bin\nENTRYPOINT [\"/bin/sh\", \"-c\"]\n");
                Result result = run(false, "docker", "build", "-q", "--network", "none", "-t", IMAGE, context.toString());
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("could not build " + IMAGE + ": " + result.output());
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not prepare the busybox image (is busybox-static installed?)", e);
            }
        }
        built = true;
    }

    /** Starts a detached container running {@code script} under sh; returns its id. */
    public static String start(String name, boolean tty, String script, String... extraArgs) {
        ensureImage();
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--network", "none", "--name", name,
                "--label", "tritonlogs.test=true"));
        if (tty) {
            command.add("-t");
        }
        command.addAll(List.of(extraArgs));
        command.add(IMAGE);
        command.add(script);
        Result result = run(true, command.toArray(String[]::new));
        return result.output().trim();
    }

    public static void remove(String name) {
        run(false, "docker", "rm", "-f", name);
    }

    public static void removeAllTestContainers() {
        Result ids = run(false, "docker", "ps", "-aq", "--filter", "label=tritonlogs.test=true");
        for (String id : ids.output().split("\\s+")) {
            if (!id.isBlank()) {
                run(false, "docker", "rm", "-f", id);
            }
        }
    }

    public static Result run(boolean mustSucceed, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            Result result = new Result(process.exitValue(), output);
            if (mustSucceed && result.exitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command[0] + " (is Docker installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }
}
