package io.tritonlogs.collector.files;

import io.tritonlogs.collector.pipeline.OutboundEntry;
import io.tritonlogs.collector.pipeline.PipelineSettings;
import io.tritonlogs.collector.pipeline.TargetIdentity;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.testing.CountingMetrics;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** One tailer on a real file, driven read by read, so the order of writes and reads is exact. */
class FileTailerTest {

    @TempDir
    Path tmp;
    private final CountingMetrics metrics = new CountingMetrics();
    private final List<String> shipped = new ArrayList<>();
    private final List<Cursor> cursors = new ArrayList<>();
    private final List<String> streams = new ArrayList<>();

    private FileTailer tailer(Path file) throws IOException {
        PipelineSettings settings = new PipelineSettings(new TritonLineParser(), new JoinLimits(500, 256 * 1024, Duration.ofMillis(200)),
                new ModelNameExtractor(), Redactor.withDefaults(), 200);
        TargetPipeline pipeline = new TargetPipeline(new TargetIdentity("file:test", file.toString(), Map.of("pod", "p")), settings,
                (OutboundEntry entry) -> {
                    shipped.add(entry.line());
                    cursors.add(entry.safeCursor());
                    streams.add(entry.labels().render().replaceAll(".*stream=\"([a-z]+)\".*", "$1"));
                }, metrics, Cursor.atOffset(0, 0));
        return new FileTailer("file:test", file, LogFileFormat.CRI, 0, pipeline, 256 * 1024, metrics);
    }

    private static String line(int n) {
        return "2026-11-25T10:00:00." + String.format("%09d", n) + "Z stdout F I1125 10:00:00.000000 1 f.cc:1] line " + n + "\n";
    }

    private static void append(Path file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int n = from; n <= to; n++) {
            text.append(line(n));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void readToEnd(FileTailer tailer) throws IOException {
        while (tailer.read(1 << 20) > 0 || !tailer.atEnd()) {
            // a read that noticed a truncation returns 0 before the file is read again
        }
        tailer.pipeline().flush();
    }

    @Test
    void copyTruncateIsNoticedEvenWhenTheWriterOutgrewTheOldSizeBeforeTheNextRead() throws IOException {
        Path file = tmp.resolve("0.log");
        append(file, 1, 10);
        FileTailer tailer = tailer(file);
        readToEnd(tailer);
        long oldSize = Files.size(file);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(file, 11, 40); // three times the old size, before the tailer looks again
        assertThat(Files.size(file)).isGreaterThan(oldSize);
        readToEnd(tailer);

        assertThat(metrics.truncatedFiles.get()).isEqualTo(1);
        assertThat(shipped).hasSize(40);
        for (int n = 1; n <= 40; n++) {
            assertThat(shipped.get(n - 1)).endsWith("line " + n);
        }
        tailer.close();
    }

    @Test
    void positionsCarryTheChecksumOfTheFilesFirstBytes() throws IOException {
        Path file = tmp.resolve("0.log");
        append(file, 1, 50);
        FileTailer tailer = tailer(file);
        readToEnd(tailer);

        byte[] head = Arrays.copyOf(Files.readAllBytes(file), FileHead.BYTES);
        CRC32 crc = new CRC32();
        crc.update(head);
        Cursor last = cursors.get(cursors.size() - 1);
        assertThat(last.byteOffset()).isEqualTo(Files.size(file));
        assertThat(last.headChecksum()).isEqualTo((int) crc.getValue()).isNotZero();
        assertThat(FileHead.matches(file, last.byteOffset(), last.headChecksum())).isTrue();
        Files.writeString(file, line(51)); // the same path written anew
        assertThat(FileHead.matches(file, last.byteOffset(), last.headChecksum())).isFalse();
        tailer.close();
    }

    @Test
    void partialLinesOfStdoutAndStderrAreJoinedPerStreamAndHoldTheResumePositionBack() throws IOException {
        Path file = tmp.resolve("0.log");
        String first = "2026-11-25T10:00:00.000000001Z stderr F E1125 10:00:00.000000 1 f.cc:1] before\n";
        Files.writeString(file, first
                + "2026-11-25T10:00:00.000000002Z stdout P I1125 10:00:00.000000 1 f.cc:2] a long stdout line, part one; \n"
                + "2026-11-25T10:00:00.000000003Z stderr P E1125 10:00:00.000000 1 f.cc:3] stderr begins, \n"
                + "2026-11-25T10:00:00.000000004Z stderr F and ends\n"
                + "2026-11-25T10:00:00.000000005Z stdout P part two; \n"
                + "2026-11-25T10:00:00.000000006Z stderr F W1125 10:00:00.000000 1 f.cc:4] a whole stderr line\n"
                + "2026-11-25T10:00:00.000000007Z stdout F part three\n", StandardCharsets.UTF_8);
        FileTailer tailer = tailer(file);
        readToEnd(tailer);

        // The last entry of each stream waits for a line that never comes; the end flushes stdout first.
        assertThat(shipped).containsExactly(
                "E1125 10:00:00.000000 1 f.cc:1] before",
                "E1125 10:00:00.000000 1 f.cc:3] stderr begins, and ends",
                "I1125 10:00:00.000000 1 f.cc:2] a long stdout line, part one; part two; part three",
                "W1125 10:00:00.000000 1 f.cc:4] a whole stderr line");
        assertThat(streams).containsExactly("stderr", "stderr", "stdout", "stderr");
        // While stdout's pieces wait, a restart must read them again: the positions of the stderr
        // entries read meanwhile stay at the start of the stdout line that began the pieces.
        long stdoutPiecesStart = first.length();
        assertThat(cursors.get(0).byteOffset()).isEqualTo(stdoutPiecesStart);
        assertThat(cursors.get(1).byteOffset()).isEqualTo(stdoutPiecesStart);
        assertThat(cursors.get(3).byteOffset()).isEqualTo(Files.size(file));
        tailer.close();
    }

    @Test
    void growingFileIsNeverTakenForATruncatedOne() throws IOException {
        Path file = tmp.resolve("0.log");
        Files.writeString(file, "2026-11-25T10:00:00.0", StandardCharsets.UTF_8); // the head arrives in pieces
        FileTailer tailer = tailer(file);
        readToEnd(tailer);
        Files.writeString(file, "00000001Z stdout F I1125 10:00:00.000000 1 f.cc:1] line 1\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        for (int n = 2; n <= 500; n += 7) {
            append(file, n, n + 6);
            readToEnd(tailer);
        }

        assertThat(metrics.truncatedFiles.get()).isZero();
        assertThat(shipped).hasSize(505).first().asString().endsWith("line 1");
        tailer.close();
    }
}
