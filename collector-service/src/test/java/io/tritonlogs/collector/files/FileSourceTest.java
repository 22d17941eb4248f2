package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The file source on real files in a temporary pods directory, shipping to the Loki push stand-in. */
class FileSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long BASE = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path tmp;
    private Path pods;
    private LokiPushStandIn loki;
    private final PodMetadata noApi = new PodMetadata(Optional.empty(), Optional.empty(), Optional.empty(), new ObjectMapper());

    @BeforeEach
    void setUp() throws IOException {
        pods = Files.createDirectories(tmp.resolve("pods"));
        loki = new LokiPushStandIn();
    }

    @AfterEach
    void tearDown() {
        loki.close();
    }

    private static String cri(long n, String stream, String tag, String text) {
        Instant at = Instant.ofEpochSecond(0, BASE + n * 1000);
        return at + " " + stream + " " + tag + " " + text + "\n";
    }

    private static String counted(long n) {
        return cri(n, "stdout", "F", "I1125 10:00:00.000000 1 f.cc:1] line " + n);
    }

    private Path containerLog(String podDir, String container) throws IOException {
        return Files.createDirectories(pods.resolve(podDir).resolve(container)).resolve("0.log");
    }

    private List<String> lines(String labelFragment) {
        return loki.stored(l -> l.contains(labelFragment)).stream().map(ReceivedEntry::line).toList();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void criLinesArriveWithPodLabelsAndPartialLinesJoined() throws Exception {
        Path log = containerLog("team-a_triton-7d9f8b6c5-x2v9q_uid1", "triton");
        append(log, cri(1, "stderr", "F", "E1125 10:00:00.000001 1 model_lifecycle.cc:638] failed to load 'resnet50' version 1: boom"));
        append(log, cri(2, "stdout", "P", "I1125 10:00:00.000002 1 server.cc:1] first half, "));
        append(log, cri(3, "stdout", "F", "second half"));
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "2 entries", () -> loki.stored(l -> true).size() >= 2);
            Map<String, List<ReceivedEntry>> streams = loki.stored();
            assertThat(streams.keySet()).contains(
                    "{container=\"triton\", level=\"ERROR\", model_name=\"resnet50\", namespace=\"team-a\", pod=\"triton-7d9f8b6c5-x2v9q\", service=\"triton\", stream=\"stderr\"}",
                    "{container=\"triton\", level=\"INFO\", namespace=\"team-a\", pod=\"triton-7d9f8b6c5-x2v9q\", service=\"triton\", stream=\"stdout\"}");
            assertThat(lines("stream=\"stdout\"")).containsExactly("I1125 10:00:00.000002 1 server.cc:1] first half, second half");
            assertThat(loki.stored(l -> l.contains("stdout")).get(0).timestampNanos()).isEqualTo(BASE + 2000);
        }
    }

    @Test
    void podDirectoryCreatedAfterStartIsFollowed() throws Exception {
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Thread.sleep(300);
            Path log = containerLog("team-b_late-pod-0_uid2", "server");
            append(log, counted(1));
            Await.until(Duration.ofSeconds(5), "the new pod's line", () -> lines("pod=\"late-pod-0\"").size() == 1);
            assertThat(lines("service=\"late-pod\"")).hasSize(1);
        }
    }

    @Test
    void renameRotationWhileAppendingLosesAndDuplicatesNothing() throws Exception {
        Path log = containerLog("ns_rot-pod-0_uid3", "c");
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            int total = 20_000;
            for (int n = 1; n <= total; n++) {
                append(log, counted(n));
                if (n % 2_000 == 0) {
                    Files.move(log, log.resolveSibling("0.log." + n), StandardCopyOption.ATOMIC_MOVE); // kubelet-style rename
                }
            }
            try {
                Await.until(WAIT, total + " lines", () -> lines("pod=\"rot-pod-0\"").size() >= total);
            } catch (AssertionError e) {
                List<String> got = lines("pod=\"rot-pod-0\"");
                throw new AssertionError(e.getMessage() + "; got " + got.size() + ", last " + (got.isEmpty() ? "-" : got.get(got.size() - 1))
                        + ", targets " + collector.source().targets());
            }
            assertEveryLineOnce(Await.settled(WAIT, Duration.ofSeconds(2), () -> lines("pod=\"rot-pod-0\"")), total);
            assertThat(loki.resentDuplicates()).isZero();
        }
    }

    @Test
    void copyTruncateRotationLosesNothing() throws Exception {
        Path log = containerLog("ns_ct-pod-0_uid4", "c");
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            int total = 6_000;
            for (int n = 1; n <= total; n++) {
                append(log, counted(n));
                if (n % 2_000 == 0) {
                    // The collector has read the file before it is truncated, so the truncation is
                    // something to notice; the writer then goes on at once and outgrows the old
                    // size before the next read, which only a change of the file's head reveals.
                    int shipped = n;
                    Await.until(WAIT, shipped + " lines before the truncation", () -> lines("pod=\"ct-pod-0\"").size() >= shipped);
                    Files.copy(log, log.resolveSibling("0.log.1"), StandardCopyOption.REPLACE_EXISTING);
                    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                }
            }
            Await.until(WAIT, total + " lines", () -> lines("pod=\"ct-pod-0\"").size() >= total);
            List<String> lines = Await.settled(WAIT, Duration.ofSeconds(2), () -> lines("pod=\"ct-pod-0\""));
            assertThat(lines).as("Loki (and the stand-in) store a re-sent line once").doesNotHaveDuplicates().hasSize(total);
            // Only the live file counts: on a slow machine a copy that replaces a released 0.log.1
            // may get its freed inode back, which is rightly read from its start and counted too.
            Await.until(WAIT, "the last truncation noticed", () -> collector.metrics.truncatedPaths.stream().filter(log::equals).count() >= 3);
            assertThat(collector.metrics.truncatedPaths).as("every truncation of the live file noticed, once").filteredOn(log::equals).hasSize(3);
        }
    }

    @Test
    void aDeletedFileIsReadToItsEndAndThenLetGo() throws Exception {
        Path log = containerLog("ns_gone-0_uid10", "c");
        for (int n = 1; n <= 100; n++) {
            append(log, counted(n));
        }
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "100 lines", () -> lines("pod=\"gone-0\"").size() >= 100);
            for (int n = 101; n <= 150; n++) {
                append(log, counted(n));
            }
            Files.delete(log); // the pod is gone: what was written before still counts
            Await.until(WAIT, "150 lines", () -> lines("pod=\"gone-0\"").size() >= 150);
            assertEveryLineOnce(Await.settled(WAIT, Duration.ofSeconds(1), () -> lines("pod=\"gone-0\"")), 150);
            Await.until(WAIT, "the deleted file let go", () -> collector.source().targets().stream().noneMatch(t -> t.name().contains("gone-0")));
        }
    }

    @Test
    void restartResumesExactlyAfterTheLastShippedLine() throws Exception {
        Path log = containerLog("ns_resume-0_uid5", "c");
        for (int n = 1; n <= 100; n++) {
            append(log, counted(n));
        }
        try (FileSourceHarness first = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "100 lines", () -> lines("pod=\"resume-0\"").size() >= 100);
        }
        for (int n = 101; n <= 200; n++) {
            append(log, counted(n));
        }
        int pushesBefore = loki.pushes();
        try (FileSourceHarness second = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "200 lines", () -> lines("pod=\"resume-0\"").size() >= 200);
            assertEveryLineOnce(Await.settled(WAIT, Duration.ofSeconds(1), () -> lines("pod=\"resume-0\"")), 200);
            assertThat(loki.resentDuplicates()).as("nothing before the saved offset is read again").isZero();
            assertThat(loki.pushes()).isGreaterThan(pushesBefore);
        }
    }

    @Test
    void fileWrittenAnewUnderTheSameIdentityWhileTheCollectorWasDownIsReadFromItsStart() throws Exception {
        Path log = containerLog("ns_anew-0_uid8", "c");
        for (int n = 1; n <= 100; n++) {
            append(log, counted(n));
        }
        try (FileSourceHarness first = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "100 lines", () -> lines("pod=\"anew-0\"").size() >= 100);
        }
        // Same device and inode, other content, already longer than the saved offset: what a reused
        // inode or a copytruncate during the downtime looks like.
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        for (int n = 1001; n <= 1300; n++) {
            append(log, counted(n));
        }
        try (FileSourceHarness second = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "400 lines", () -> lines("pod=\"anew-0\"").size() >= 400);
            List<String> lines = Await.settled(WAIT, Duration.ofSeconds(1), () -> lines("pod=\"anew-0\""));
            assertThat(lines).hasSize(400).doesNotHaveDuplicates()
                    .contains("I1125 10:00:00.000000 1 f.cc:1] line 1001", "I1125 10:00:00.000000 1 f.cc:1] line 1300");
            assertThat(second.metrics.truncatedFiles.get()).as("the replaced file is noticed").isEqualTo(1);
        }
    }

    @Test
    void finishedRotatedFileWhoseInodeComesBackWithOtherLinesIsReadFromItsStart() throws Exception {
        Path log = containerLog("ns_reuse-0_uid9", "c");
        for (int n = 1; n <= 100; n++) {
            append(log, counted(n));
        }
        Path rotated = log.resolveSibling("0.log.1");
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(WAIT, "100 lines", () -> lines("pod=\"reuse-0\"").size() >= 100);
            Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
            append(log, counted(101));
            Await.until(WAIT, "the rotated file seen as such",
                    () -> collector.source().targets().stream().anyMatch(t -> t.name().endsWith("0.log.1") && t.state().equals("ROTATED")));
            Await.until(WAIT, "the rotated file let go after its grace time",
                    () -> collector.source().targets().stream().noneMatch(t -> t.name().endsWith("0.log.1")));
            // What a reused inode looks like from here: the same device and inode, other and
            // fewer bytes than the saved offset, so the size alone would say "nothing new".
            try (FileChannel channel = FileChannel.open(rotated, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            for (int n = 2001; n <= 2010; n++) {
                append(rotated, counted(n));
            }
            Await.until(WAIT, "111 lines", () -> lines("pod=\"reuse-0\"").size() >= 111);
            assertThat(Await.settled(WAIT, Duration.ofSeconds(1), () -> lines("pod=\"reuse-0\""))).hasSize(111).doesNotHaveDuplicates()
                    .contains("I1125 10:00:00.000000 1 f.cc:1] line 2001", "I1125 10:00:00.000000 1 f.cc:1] line 2010");
        }
    }

    @Test
    void fiftyMegabyteBacklogIsShippedInOrder() throws Exception {
        Path log = containerLog("ns_backlog-0_uid6", "c");
        int total = 0;
        long bytes = 0;
        try (Writer out = Files.newBufferedWriter(log)) {
            while (bytes <= 50L * 1024 * 1024) {
                total++;
                String line = counted(total);
                out.write(line);
                bytes += line.length();
            }
        }
        assertThat(Files.size(log)).isGreaterThan(50L * 1024 * 1024);
        int expected = total;
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, noApi).start()) {
            Await.until(Duration.ofSeconds(180), expected + " lines", () -> loki.stored(l -> l.contains("backlog-0")).size() >= expected);
            assertEveryLineOnce(lines("pod=\"backlog-0\""), expected);
        }
    }

    @Test
    void dockerJsonFilesAreReadWithTheirContainerName() throws Exception {
        Path containers = Files.createDirectories(tmp.resolve("containers"));
        String id = "4c3b2a1f".repeat(8);
        Path dir = Files.createDirectories(containers.resolve(id));
        Files.writeString(dir.resolve("config.v2.json"),
                "{\"Name\":\"/triton\",\"Config\":{\"Labels\":{\"com.docker.compose.service\":\"inference\"}}}");
        Files.writeString(dir.resolve(id + "-json.log"),
                "{\"log\":\"W1125 10:00:00.000001 1 a.cc:1] long \",\"stream\":\"stderr\",\"time\":\"2026-11-25T10:00:00.000000001Z\"}\n"
                        + "{\"log\":\"line\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-25T10:00:00.000000001Z\"}\n"
                        + "{\"log\":\"I1125 10:00:00.000002 1 a.cc:2] two\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-25T10:00:00.000000002Z\"}\n");
        try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.of(containers), loki, noApi).start()) {
            Await.until(WAIT, "2 entries", () -> loki.stored(l -> l.contains("container=\"triton\"")).size() >= 2);
            assertThat(loki.stored().keySet()).contains(
                    "{container=\"triton\", level=\"WARNING\", service=\"inference\", stream=\"stderr\"}",
                    "{container=\"triton\", level=\"INFO\", service=\"inference\", stream=\"stdout\"}");
            assertThat(lines("stream=\"stderr\"")).containsExactly("W1125 10:00:00.000001 1 a.cc:1] long line");
        }
    }

    @Test
    void serviceComesFromTheKubernetesApiWhenItAnswers() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] pod = Files.readAllBytes(Path.of("src/test/resources/k8s/pod-triton.json"));
        api.createContext("/api/v1/namespaces/team-a/pods/triton-7d9f8b6c5-x2v9q", exchange -> {
            try (exchange; OutputStream body = exchange.getResponseBody()) {
                boolean authorized = "Bearer test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(authorized ? 200 : 401, authorized ? pod.length : -1);
                if (authorized) {
                    body.write(pod);
                }
            }
        });
        api.start();
        try {
            Path token = Files.writeString(tmp.resolve("token"), "test-token\n");
            PodMetadata metadata = new PodMetadata(Optional.of("http://127.0.0.1:" + api.getAddress().getPort()), Optional.of(token), Optional.empty(), new ObjectMapper());
            assertThat(metadata.labels("team-a", "triton-7d9f8b6c5-x2v9q")).get()
                    .extracting(m -> m.get("app.kubernetes.io/name")).isEqualTo("triton-inference");
            Path log = containerLog("team-a_triton-7d9f8b6c5-x2v9q_uid7", "triton");
            append(log, counted(1));
            try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, metadata).start()) {
                Await.until(WAIT, "the line", () -> lines("service=\"triton-inference\"").size() == 1);
            }
        } finally {
            api.stop(0);
        }
        PodMetadata unreachable = new PodMetadata(Optional.of("http://127.0.0.1:" + api.getAddress().getPort()), Optional.empty(), Optional.empty(), new ObjectMapper());
        assertThat(unreachable.labels("team-a", "triton-7d9f8b6c5-x2v9q")).isEmpty();
    }

    @Test
    void serviceFallsBackToThePodsAppLabelThenToItsNameWhenTheApiRefuses() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] appOnly = Files.readString(Path.of("src/test/resources/k8s/pod-triton.json"))
                .replace("\"app.kubernetes.io/name\"", "\"app\"").getBytes(StandardCharsets.UTF_8);
        api.createContext("/api/v1/namespaces/team-a/pods/", exchange -> {
            try (exchange; OutputStream body = exchange.getResponseBody()) {
                boolean allowed = exchange.getRequestURI().getPath().endsWith("/web-6b7c9d-abcde");
                exchange.sendResponseHeaders(allowed ? 200 : 403, allowed ? appOnly.length : -1);
                if (allowed) {
                    body.write(appOnly);
                }
            }
        });
        api.start();
        try {
            PodMetadata metadata = new PodMetadata(Optional.of("http://127.0.0.1:" + api.getAddress().getPort()), Optional.empty(), Optional.empty(), new ObjectMapper());
            append(containerLog("team-a_web-6b7c9d-abcde_uid11", "triton"), counted(1));
            append(containerLog("team-a_denied-7d9f8b6c5-x2v9q_uid12", "triton"), counted(2));
            try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, metadata).start()) {
                Await.until(WAIT, "both lines", () -> loki.stored(l -> l.contains("team-a")).size() >= 2);
                assertThat(lines("pod=\"web-6b7c9d-abcde\", service=\"triton-inference\"")).hasSize(1);
                assertThat(lines("pod=\"denied-7d9f8b6c5-x2v9q\", service=\"denied\"")).as("403: the pod name says the service").hasSize(1);
            }
        } finally {
            api.stop(0);
        }
    }

    @Test
    void aKubernetesApiThatHangsDelaysNoOtherFileAndLosesNothing() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] pod = Files.readAllBytes(Path.of("src/test/resources/k8s/pod-triton.json"));
        CountDownLatch release = new CountDownLatch(1);
        api.createContext("/api/v1/namespaces/team-a/pods/", exchange -> {
            try (exchange; OutputStream body = exchange.getResponseBody()) {
                if (exchange.getRequestURI().getPath().endsWith("/hung-7d9f8b6c5-x2v9q")) {
                    release.await(60, TimeUnit.SECONDS); // accepts, reads the request, never answers in time
                }
                exchange.sendResponseHeaders(200, pod.length);
                body.write(pod);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        api.setExecutor(Executors.newCachedThreadPool());
        api.start();
        try (PodMetadata metadata = new PodMetadata(Optional.of("http://127.0.0.1:" + api.getAddress().getPort()), Optional.empty(), Optional.empty(), new ObjectMapper())) {
            append(containerLog("team-a_hung-7d9f8b6c5-x2v9q_uid13", "triton"), counted(1));
            try (FileSourceHarness collector = new FileSourceHarness(pods, tmp, Optional.empty(), loki, metadata).start()) {
                Thread.sleep(300); // the hung pod's lookup is under way
                append(containerLog("team-a_quick-7d9f8b6c5-x2v9q_uid14", "triton"), counted(2));
                Await.until(Duration.ofSeconds(3), "the other pod's line while the first lookup hangs",
                        () -> lines("pod=\"quick-7d9f8b6c5-x2v9q\", service=\"triton-inference\"").size() == 1);
                assertThat(lines("pod=\"hung-7d9f8b6c5-x2v9q\"")).as("still waiting for the hung pod's labels").isEmpty();
                Await.until(WAIT, "the hung pod's line, with its pod name for service",
                        () -> lines("pod=\"hung-7d9f8b6c5-x2v9q\", service=\"hung\"").size() == 1);
                assertThat(loki.stored(l -> l.contains("team-a"))).hasSize(2);
            }
        } finally {
            release.countDown();
            api.stop(0);
        }
    }

    @Test
    void podLabelsAreCachedForABoundedNumberOfPods() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] pod = Files.readAllBytes(Path.of("src/test/resources/k8s/pod-triton.json"));
        api.createContext("/api/v1/namespaces/", exchange -> {
            try (exchange; OutputStream body = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, pod.length);
                body.write(pod);
            }
        });
        api.start();
        try (PodMetadata metadata = new PodMetadata(Optional.of("http://127.0.0.1:" + api.getAddress().getPort()), Optional.empty(), Optional.empty(), new ObjectMapper())) {
            for (int i = 0; i < PodMetadata.MAX_PODS + 100; i++) {
                metadata.lookup("ns", "pod-" + i);
            }
            assertThat(metadata.cachedPods()).isEqualTo(PodMetadata.MAX_PODS);
            String last = "pod-" + (PodMetadata.MAX_PODS + 99);
            Await.until(Duration.ofSeconds(120), "the last pod's labels", () -> metadata.lookup("ns", last).state() == PodMetadata.PodLabels.State.KNOWN);
            assertThat(metadata.lookup("ns", last).labels()).containsEntry("app.kubernetes.io/name", "triton-inference");
        } finally {
            api.stop(0);
        }
    }

    @Test
    void serviceNameFromPodNames() {
        assertThat(new PodLogPath("ns", "triton-7d9f8b6c5-x2v9q", "u", "c").serviceFromPodName()).isEqualTo("triton");
        assertThat(new PodLogPath("ns", "loki-0", "u", "c").serviceFromPodName()).isEqualTo("loki");
        assertThat(new PodLogPath("ns", "collector-x2v9q", "u", "c").serviceFromPodName()).isEqualTo("collector");
        assertThat(new PodLogPath("ns", "standalone", "u", "c").serviceFromPodName()).isEqualTo("standalone");
        assertThat(PodLogPath.parse(Path.of("/var/log/pods"), Path.of("/var/log/pods/team-a_triton-abc_uid/triton/3.log")))
                .contains(new PodLogPath("team-a", "triton-abc", "uid", "triton"));
        assertThat(PodLogPath.parse(Path.of("/var/log/pods"), Path.of("/var/log/pods/bad/triton/3.log"))).isEmpty();
    }

    private static void assertEveryLineOnce(List<String> lines, int total) {
        assertThat(lines).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(lines.get(i)).isEqualTo("I1125 10:00:00.000000 1 f.cc:1] line " + (i + 1));
        }
    }
}
