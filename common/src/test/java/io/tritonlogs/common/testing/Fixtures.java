package io.tritonlogs.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared fixtures ({@code shared/fixtures} beside the repository clone) and this
 * module's own samples. {@code -Dfixtures.dir=...} overrides the search.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code shared/fixtures}: the first {@code shared/fixtures} found walking up from the working directory. */
    public static Path sharedDir() {
        String override = System.getProperty("fixtures.dir");
        if (override != null) {
            return Paths.get(override);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/fixtures not found above " + Paths.get("").toAbsolutePath()
                + "; clone the repository next to shared/ or pass -Dfixtures.dir");
    }

    /** The directories holding Triton log samples with an {@code expected.tsv}: shared first, then ours. */
    public static List<Path> tritonLogDirs() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(sharedDir().resolve("triton-logs"));
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
