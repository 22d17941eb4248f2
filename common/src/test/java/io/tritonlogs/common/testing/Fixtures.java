package io.tritonlogs.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the repository's test fixtures ({@code fixtures/} at the top of the clone: Triton sessions
 * with their expected parses, recorded Loki answers) and this module's own samples.
 * {@code -Dfixtures.dir=...} overrides the search.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code fixtures/}: the first one holding {@code triton-logs/expected.tsv} walking up from the working directory. */
    public static Path dir() {
        String override = System.getProperty("fixtures.dir");
        if (override != null) {
            return Paths.get(override);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("fixtures");
            if (Files.isRegularFile(candidate.resolve("triton-logs").resolve("expected.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the repository's fixtures/ directory was not found above " + Paths.get("").toAbsolutePath()
                + "; run the tests inside the clone or pass -Dfixtures.dir");
    }

    /** {@code fixtures/triton-logs}: Triton sessions as the server writes them, with {@code expected.tsv}. */
    public static Path tritonLogs() {
        return dir().resolve("triton-logs");
    }

    /** The directories holding Triton log samples with an {@code expected.tsv}: the repository's first, then this module's. */
    public static List<Path> tritonLogDirs() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(tritonLogs());
        Path ours = Paths.get("src", "test", "resources", "triton-logs").toAbsolutePath();
        if (Files.isDirectory(ours)) {
            dirs.add(ours);
        }
        return dirs;
    }

    /** Lines of a file split on {@code \n} only (a {@code \r} stays part of its line), as a log reader sees them. */
    public static List<String> lines(Path file) {
        try {
            String text = Files.readString(file);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
