package io.tritonlogs.collector.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the node's log files and their rotated copies (gzip-named ones left out):
 * {@code <pods>/<namespace>_<pod>_<uid>/<container>/<n>.log} (CRI) and, when configured, Docker's
 * {@code <containers>/<id>/<id>-json.log}. Found by listing the directories (inotify is unreliable
 * on hostPath mounts).
 */
final class LogFileDiscovery {

    private final Path podsDir;
    private final Optional<Path> dockerContainersDir;

    LogFileDiscovery(Path podsDir, Optional<Path> dockerContainersDir) {
        this.podsDir = podsDir;
        this.dockerContainersDir = dockerContainersDir;
    }

    /** One pass over the directories; {@code followed} tells the identities of files read already. */
    DiscoveredFiles discover(Predicate<String> followed) {
        Map<String, FoundFile> seen = new LinkedHashMap<>();
        boolean healthy;
        String problem;
        try {
            if (Files.isDirectory(podsDir)) {
                for (Path podDir : list(podsDir)) {
                    for (Path containerDir : list(podDir)) {
                        scan(containerDir, LogFileFormat.CRI, name -> name.endsWith(".log"),
                                name -> name.contains(".log.") && !name.endsWith(".gz"), followed, seen);
                    }
                }
                healthy = true;
                problem = null;
            } else {
                healthy = dockerContainersDir.isPresent();
                problem = "pod log directory " + podsDir + " does not exist";
            }
            if (dockerContainersDir.isPresent() && Files.isDirectory(dockerContainersDir.get())) {
                for (Path dir : list(dockerContainersDir.get())) {
                    String log = dir.getFileName() + "-json.log";
                    scan(dir, LogFileFormat.DOCKER_JSON, log::equals, name -> name.startsWith(log + ".") && !name.endsWith(".gz"),
                            followed, seen);
                }
            }
        } catch (IOException e) {
            return DiscoveredFiles.failed("cannot list " + podsDir + ": " + e.getMessage());
        }
        return new DiscoveredFiles(seen, true, healthy, problem);
    }

    /**
     * Adds one directory's current and rotated log files to {@code seen}. When its current file is
     * one not followed yet, the directory is listed a second time: a rotation renames the old file
     * before it creates the new one, so a listing taken before the rename and a look at the current
     * name after it would show the new file without the rotated one, whose older lines would then
     * be read after the new file's.
     */
    private static void scan(Path dir, LogFileFormat format, Predicate<String> current, Predicate<String> rotated,
                             Predicate<String> followed, Map<String, FoundFile> seen) throws IOException {
        boolean newCurrent = false;
        for (Path file : list(dir)) {
            String name = file.getFileName().toString();
            boolean isCurrent = current.test(name);
            if (isCurrent || rotated.test(name)) {
                Optional<FoundFile> found = FoundFile.look(file, format, isCurrent);
                found.ifPresent(f -> seen.put(f.id(), f));
                newCurrent |= isCurrent && found.isPresent() && !followed.test(found.get().id());
            }
        }
        if (newCurrent) {
            for (Path file : list(dir)) {
                if (rotated.test(file.getFileName().toString())) {
                    // The later look wins: the file taken for current may be this rotated one by now.
                    FoundFile.look(file, format, false).ifPresent(f -> seen.put(f.id(), f));
                }
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException vanished) {
            return entries;
        }
        entries.sort(null);
        return entries;
    }
}
