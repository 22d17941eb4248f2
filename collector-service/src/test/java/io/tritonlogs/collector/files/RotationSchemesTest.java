package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rotation scheme a node's log files see, with and without a collector restart in between,
 * ships every line exactly once: the stand-in counts what it stored and what was sent to it more
 * than once ({@link LokiPushStandIn#resentDuplicates()}: a real Loki stores such re-sends again).
 * Copies (copytruncate) are named as kubelet, Docker's json-file and logrotate name rotated files.
 */
class RotationSchemesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long BASE = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path tmp;
    private Path pods;
    private Path containers;
    private LokiPushStandIn loki;
    private final PodMetadata noApi = new PodMetadata(Optional.empty(), Optional.empty(), Optional.empty(), new ObjectMapper());

    @BeforeEach
    void setUp() throws IOException {
        pods = Files.createDirectories(tmp.resolve("pods"));
        containers = Files.createDirectories(tmp.resolve("containers"));
        loki = new LokiPushStandIn();
    }

    @AfterEach
    void tearDown() {
        loki.close();
    }

    private FileSourceHarness collector() {
        return new FileSourceHarness(pods, tmp, Optional.of(containers), loki, noApi);
    }

    private static String cri(long n) {
        return Instant.ofEpochSecond(0, BASE + n * 1000) + " stdout F I1125 10:00:00.000000 1 f.cc:1] line " + n + "\n";
    }

    private static String json(long n) {
        return "{\"log\":\"I1125 10:00:00.000000 1 f.cc:1] line " + n + "\\n\",\"stream\":\"stdout\",\"time\":\""
                + Instant.ofEpochSecond(0, BASE + n * 1000) + "\"}\n";
    }

    private Path podLog(String pod) throws IOException {
        return Files.createDirectories(pods.resolve("ns_" + pod + "_uid").resolve("c")).resolve("0.log");
    }

    private Path dockerLog(String id) throws IOException {
        Path dir = Files.createDirectories(containers.resolve(id));
        Files.writeString(dir.resolve("config.v2.json"), "{\"Name\":\"/" + id.substring(0, 8) + "\"}");
        return dir.resolve(id + "-json.log");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void write(Path file, boolean json, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int n = from; n <= to; n++) {
            text.append(json ? json(n) : cri(n));
        }
        append(file, text.toString());
    }

    /** What logrotate's copytruncate does: copy the live file under the rotated name, then empty it in place. */
    private static void copyTruncate(Path live, Path copy) throws IOException {
        Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(live, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    private List<String> lines(String labelFragment) {
        return loki.stored(l -> l.contains(labelFragment)).stream().map(ReceivedEntry::line).toList();
    }

    private void assertEveryLineExactlyOnce(String labelFragment, int total) {
        try {
            Await.until(WAIT, total + " lines of " + labelFragment, () -> lines(labelFragment).size() >= total);
        } catch (AssertionError e) {
            Set<String> got = new HashSet<>(lines(labelFragment));
            List<Integer> missing = new ArrayList<>();
            for (int n = 1; n <= total && missing.size() < 20; n++) {
                if (!got.contains("I1125 10:00:00.000000 1 f.cc:1] line " + n)) {
                    missing.add(n);
                }
            }
            throw new AssertionError(e.getMessage() + "; got " + got.size() + ", missing (first 20) " + missing, e);
        }
        List<String> lines = Await.settled(WAIT, Duration.ofSeconds(2), () -> lines(labelFragment));
        assertThat(lines).hasSize(total).doesNotHaveDuplicates();
        for (int n = 1; n <= total; n++) {
            assertThat(lines).contains("I1125 10:00:00.000000 1 f.cc:1] line " + n);
        }
        assertThat(loki.resentDuplicates()).as("entries sent more than once").isZero();
    }

    @Test
    void copyTruncateWithKubeletNamedCopies() throws Exception {
        Path log = podLog("kubelet-0");
        try (FileSourceHarness collector = collector().start()) {
            for (int round = 0; round < 10; round++) {
                write(log, false, round * 2_000 + 1, round * 2_000 + 2_000);
                if (round % 3 == 1) {
                    Thread.sleep(150); // sometimes the collector has read some of it first, sometimes not
                }
                copyTruncate(log, log.resolveSibling("0.log.20261125-1000" + String.format("%02d", round)));
            }
            assertEveryLineExactlyOnce("pod=\"kubelet-0\"", 20_000);
        }
    }

    @Test
    void copyTruncateWithLogrotateNamedCopyReplacedEachTime() throws Exception {
        Path log = podLog("logrotate-0");
        try (FileSourceHarness collector = collector().start()) {
            for (int round = 0; round < 6; round++) {
                write(log, false, round * 1_000 + 1, round * 1_000 + 1_000);
                int written = round * 1_000 + 1_000;
                // logrotate's .1 is replaced by the next copy: let the collector finish the one before.
                Await.until(WAIT, written + " lines", () -> lines("pod=\"logrotate-0\"").size() >= written);
                copyTruncate(log, log.resolveSibling("0.log.1"));
            }
            write(log, false, 6_001, 6_500);
            assertEveryLineExactlyOnce("pod=\"logrotate-0\"", 6_500);
        }
    }

    @Test
    void copyTruncateWithDockerJsonFileNames() throws Exception {
        String id = "9e8d7c6b".repeat(8);
        Path log = dockerLog(id);
        try (FileSourceHarness collector = collector().start()) {
            for (int round = 0; round < 5; round++) {
                write(log, true, round * 2_000 + 1, round * 2_000 + 2_000);
                // json-file keeps <id>-json.log.1, .2, ...: older copies move up by rename first
                for (int k = round; k >= 1; k--) {
                    Files.move(log.resolveSibling(id + "-json.log." + k), log.resolveSibling(id + "-json.log." + (k + 1)),
                            StandardCopyOption.ATOMIC_MOVE);
                }
                copyTruncate(log, log.resolveSibling(id + "-json.log.1"));
            }
            assertEveryLineExactlyOnce("container=\"9e8d7c6b\"", 10_000);
        }
    }

    @Test
    void copyTruncateWhileTheCollectorIsDown() throws Exception {
        Path log = podLog("down-0");
        write(log, false, 1, 1_000);
        try (FileSourceHarness first = collector().start()) {
            Await.until(WAIT, "1,000 lines", () -> lines("pod=\"down-0\"").size() >= 1_000);
        }
        write(log, false, 1_001, 1_500); // written while the collector is down: only in the copy afterwards
        copyTruncate(log, log.resolveSibling("0.log.20261125-100000"));
        write(log, false, 1_501, 2_000);
        try (FileSourceHarness second = collector().start()) {
            assertEveryLineExactlyOnce("pod=\"down-0\"", 2_000);
        }
    }

    @Test
    void copyMadeWhileUpTruncatedWhileDown() throws Exception {
        Path log = podLog("half-0");
        write(log, false, 1, 1_000);
        Path copy = log.resolveSibling("0.log.1");
        try (FileSourceHarness first = collector().start()) {
            Await.until(WAIT, "1,000 lines", () -> lines("pod=\"half-0\"").size() >= 1_000);
            write(log, false, 1_001, 1_200);
            Files.copy(log, copy); // logrotate copied; the collector stops before the truncate
            Thread.sleep(500);
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        write(log, false, 1_201, 1_500);
        try (FileSourceHarness second = collector().start()) {
            assertEveryLineExactlyOnce("pod=\"half-0\"", 1_500);
        }
    }

    @Test
    void renameRotationWhileTheCollectorIsDown() throws Exception {
        Path log = podLog("rename-0");
        write(log, false, 1, 1_000);
        try (FileSourceHarness first = collector().start()) {
            Await.until(WAIT, "1,000 lines", () -> lines("pod=\"rename-0\"").size() >= 1_000);
        }
        write(log, false, 1_001, 1_300);
        Files.move(log, log.resolveSibling("0.log.20261125-100000"), StandardCopyOption.ATOMIC_MOVE);
        write(log, false, 1_301, 2_000);
        try (FileSourceHarness second = collector().start()) {
            assertEveryLineExactlyOnce("pod=\"rename-0\"", 2_000);
        }
    }

    @Test
    void rotatedFilesFromBeforeTheInstallationAreHistoryButOneStampedJustBeforeItIsRead() throws Exception {
        Path log = podLog("install-0");
        write(log, false, 1, 10);
        Path old = log.resolveSibling("0.log.20261124-000000");
        write(old, false, 901, 910);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        // A file system stamps times from a coarse clock: a rotation in the collector's first
        // moments can carry a time a little before its installation.
        Path justRotated = log.resolveSibling("0.log.20261125-000000");
        write(justRotated, false, 11, 20);
        Files.setLastModifiedTime(justRotated, FileTime.from(Instant.now().minusMillis(500)));
        try (FileSourceHarness collector = collector().start()) {
            assertEveryLineExactlyOnce("pod=\"install-0\"", 20);
        }
    }

    @Test
    void compressedRotatedFilesAreNeverReadAsText() throws Exception {
        Path log = podLog("gz-0");
        write(log, false, 1, 100);
        try (FileSourceHarness collector = collector().start()) {
            Await.until(WAIT, "100 lines", () -> lines("pod=\"gz-0\"").size() >= 100);
            // kubelet compresses older rotations; one without the .gz suffix is told by its magic bytes
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(log.resolveSibling("0.log.20261125-000000.gz")))) {
                out.write(cri(9_001).getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(log.resolveSibling("0.log.20261125-010000")))) {
                out.write(cri(9_002).repeat(20).getBytes(StandardCharsets.UTF_8));
            }
            write(log, false, 101, 200);
            assertEveryLineExactlyOnce("pod=\"gz-0\"", 200);
            assertThat(collector.metrics.malformedLines.get()).as("no compressed bytes read as lines").isZero();
            assertThat(collector.metrics.invalidUtf8Lines.get()).isZero();
        }
    }
}
