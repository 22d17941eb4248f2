package io.tritonlogs.stack;

import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.triton.LineClassifier;
import io.tritonlogs.common.triton.LineKind;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.ParsedLine;
import io.tritonlogs.common.triton.TritonLineParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real demo replayer ({@code sh demo/replay.sh}, one pass, no pacing) and parses its
 * output with common's classifier, as the collector would read the demo container: every line
 * must classify exactly as the shared fixtures' {@code expected.tsv} says for its source line
 * (kind, level, source, model), and every record must carry the current time.
 */
class DemoReplayerTest {
    private static final Path SESSIONS = Repo.path("demo/sessions");

    @Test
    void sessionsAreTheSharedFixturesUnchanged() throws IOException {
        Path fixtures = Fixtures.tritonLogs();
        List<Path> sessions = sessions();
        assertThat(sessions).hasSizeGreaterThanOrEqualTo(9);
        for (Path session : sessions) {
            Path fixture = fixtures.resolve(fixtureName(session));
            assertThat(fixture).as("shared fixture for %s", session.getFileName()).isRegularFile();
            assertThat(Files.readString(session)).as(session.getFileName().toString()).isEqualTo(Files.readString(fixture));
        }
    }

    /** The machine's sh (dash, bash) and, where installed, busybox sh: the demo container's shell. */
    @TestFactory
    List<DynamicTest> onePassParsesExactlyAsTheFixturesExpect() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("sh", () -> onePass(List.of("sh"))));
        for (String busybox : List.of("/bin/busybox", "/usr/bin/busybox")) {
            if (Files.isExecutable(Path.of(busybox))) {
                tests.add(DynamicTest.dynamicTest("busybox sh", () -> onePass(List.of(busybox, "sh"))));
                break;
            }
        }
        return tests;
    }

    private void onePass(List<String> shell) throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        List<String> out = replay(shell, Map.of("DEMO_LOOPS", "1", "DEMO_LINES_PER_SECOND", "0", "DEMO_PAUSE_SECONDS", "0"));
        Instant after = Instant.now().plusSeconds(1);
        assertParsesAsTheFixturesExpect(out, before, after);
    }

    /** One pass of replayed output, line for line against the sessions and expected.tsv. */
    static void assertParsesAsTheFixturesExpect(List<String> out, Instant before, Instant after) throws IOException {
        Map<String, String[]> expected = expectedRows();
        List<String[]> sources = new ArrayList<>();
        for (Path session : sessions()) {
            List<String> lines = Fixtures.lines(session);
            for (int i = 0; i < lines.size(); i++) {
                sources.add(new String[] {fixtureName(session), String.valueOf(i + 1), lines.get(i)});
            }
        }
        assertThat(out).as("one output line per session line").hasSize(sources.size());

        LineClassifier classifier = new LineClassifier(new TritonLineParser());
        ModelNameExtractor extractor = new ModelNameExtractor();
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> kinds = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            String[] source = sources.get(i);
            String[] row = expected.get(source[0] + ":" + source[1]);
            assertThat(row).as("expected.tsv row for %s line %s", source[0], source[1]).isNotNull();
            ParsedLine parsed = classifier.classify(line);
            boolean continuation = parsed.kind() == LineKind.CONTINUATION;
            String where = source[0] + ":" + source[1] + " ";
            compare(mismatches, where + "kind", row[2], parsed.kind().name().toLowerCase(), line);
            compare(mismatches, where + "level", row[3], continuation ? "" : parsed.level().name(), line);
            compare(mismatches, where + "source", row[4],
                    continuation || parsed.source() == null || !parsed.hasTritonPreamble() ? "" : parsed.source(), line);
            compare(mismatches, where + "model", row.length > 5 ? row[5] : "",
                    continuation ? "" : Objects.toString(extractor.extract(parsed), ""), line);
            kinds.merge(parsed.kind().name(), 1, Integer::sum);

            if (parsed.kind() == LineKind.RECORD) {
                Optional<Instant> time = parsed.timestamp(before.atZone(ZoneOffset.UTC).getYear());
                assertThat(time).as("time of %s", line).isPresent();
                // Default-shape records keep their microseconds, so allow the second they fall in.
                assertThat(time.get()).as("replayed now: %s", line).isBetween(before, after);
                assertThat(messageAfterTime(line)).as("only the time changes").isEqualTo(messageAfterTime(source[2]));
            } else {
                assertThat(line).as("non-record lines are replayed unchanged").isEqualTo(source[2]);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(kinds).containsKeys("RECORD", "CONTINUATION", "FOREIGN");
    }

    @Test
    void pacesLinesAndLoops() throws Exception {
        // 400 lines per second: two passes (about 1,090 lines) take at least two seconds of pacing.
        long start = System.nanoTime();
        List<String> out = replay(List.of("sh"), Map.of("DEMO_LOOPS", "2", "DEMO_LINES_PER_SECOND", "400", "DEMO_PAUSE_SECONDS", "0"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int perPass = sessions().stream().mapToInt(s -> Fixtures.lines(s).size()).sum();
        assertThat(out).hasSize(2 * perPass);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsABadRate() throws Exception {
        Process p = start(List.of("sh"), Map.of("DEMO_LINES_PER_SECOND", "fast", "DEMO_LOOPS", "1"));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("whole numbers");
    }

    private static List<String> replay(List<String> shell, Map<String, String> env) throws Exception {
        Process p = start(shell, env);
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("replay.sh finishes").isTrue();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("replay.sh exit code; stderr: %s", stderr).isZero();
        List<String> lines = new ArrayList<>(List.of(stdout.split("\n", -1)));
        assertThat(lines.remove(lines.size() - 1)).as("output ends with a newline").isEmpty();
        return lines;
    }

    private static Process start(List<String> shell, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(shell);
        command.add(Repo.path("demo/replay.sh").toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static List<Path> sessions() {
        return Repo.files(SESSIONS, ".txt");
    }

    private static String fixtureName(Path session) {
        String name = session.getFileName().toString();
        return name.substring(0, name.length() - ".txt".length()) + ".log";
    }

    /** The line after its time: default shape keeps the letter and the microseconds. */
    private static String messageAfterTime(String line) {
        if (Character.isDigit(line.charAt(0))) {
            return line.substring(20);
        }
        return line.charAt(0) + line.substring(14);
    }

    private static Map<String, String[]> expectedRows() throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(Fixtures.tritonLogs().resolve("expected.tsv"));
        assertThat(lines.get(0)).startsWith("file\tline\tkind\tlevel\tsource\tmodel");
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] cells = line.split("\t", -1);
                rows.put(cells[0] + ":" + cells[1], cells);
            }
        }
        return rows;
    }

    private static void compare(List<String> mismatches, String what, String expected, String actual, String line) {
        if (!"*".equals(expected) && !expected.equals(actual)) {
            mismatches.add(what + ": expected '" + expected + "' but got '" + actual + "' in: " + line);
        }
    }
}
