package io.tritonlogs.query.lokiapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real logcli 3.4.2 ({@code LOGCLI}: {@code .ci/run} unpacks it from {@code ../shared/tools/loki}).
 * It runs with an empty environment of its own but for {@code PATH} and {@code HOME}, so a
 * developer's {@code LOKI_*} variables cannot change what a test asks.
 */
final class Logcli {

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
        }
    }

    private Logcli() {
    }

    static Optional<Path> binary() {
        String path = System.getenv("LOGCLI");
        return path == null || path.isBlank() || !Files.isExecutable(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
    }

    static String describe() {
        return "logcli is not available: set LOGCLI to a logcli 3.4.2 executable (.ci/run unpacks ../shared/tools/loki/logcli-3.4.2-linux-amd64.xz)";
    }

    static Run run(List<String> args) throws IOException, InterruptedException {
        Process process = builder(args).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("logcli " + args + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), read(process.getInputStream()), read(process.getErrorStream()));
    }

    /** A long-running logcli (a tail) whose standard error goes to {@code errors}. */
    static Process start(List<String> args, Path errors) throws IOException {
        return builder(args).redirectError(errors.toFile()).start();
    }

    private static ProcessBuilder builder(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary().orElseThrow(() -> new AssertionError(describe())).toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        return builder;
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
