package io.tritonlogs.common.triton;

import io.tritonlogs.common.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MultilineJoinerTest {

    private final List<JoinedEntry> out = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private MultilineJoiner joiner(JoinLimits limits) {
        return new MultilineJoiner(new TritonLineParser(), limits, out::add, clock::get);
    }

    @Test
    void modelStatusTableIsOneEntryWithItsRecord() {
        MultilineJoiner joiner = joiner(JoinLimits.DEFAULT);
        List<String> lines = Fixtures.lines(Fixtures.tritonLogs().resolve("02-legacy-startup-fail.log"));
        long ts = 1;
        for (String line : lines) {
            joiner.accept(line, ts++);
        }
        joiner.flush();

        JoinedEntry table = out.stream().filter(e -> e.text().contains("| Model ")).findFirst().orElseThrow();
        assertThat(table.text()).startsWith("I0816 01:03:27.013171 90210 server.cc:634]\n+---")
                .endsWith("+-----------------+---------+----------------------------------------+");
        assertThat(table.lineCount()).isEqualTo(9);
        assertThat(table.level()).isEqualTo(Level.INFO);
        assertThat(ModelNameExtractor.modelsInStatusTable(table.text()))
                .containsExactly("yolov8n", "text_encoder.v2", "densenet_onnx", "simple_identity");
        // 41 lines: 19 records and 1 foreign line own an entry (expected.tsv), 21 table lines are joined.
        assertThat(lines).hasSize(41);
        assertThat(out).hasSize(20);
        assertThat(out.stream().mapToInt(JoinedEntry::lineCount).sum()).isEqualTo(lines.size());
        assertThat(out.get(out.size() - 1).text()).isEqualTo("error: creating server: Internal - failed to load all models");
        assertThat(out.get(out.size() - 1).level()).isEqualTo(Level.ERROR);
    }

    @Test
    void entryTakesTheTimestampOfItsFirstLine() {
        MultilineJoiner joiner = joiner(JoinLimits.DEFAULT);
        joiner.accept("I0816 01:03:26.983791 90210 server.cc:607]", 100);
        joiner.accept("+-----+", 200);
        joiner.accept("| a   |", 300);
        joiner.accept("I0816 01:03:27.000000 90210 server.cc:608] next", 400);
        joiner.flush();
        assertThat(out).extracting(JoinedEntry::timestampNanos).containsExactly(100L, 400L);
        assertThat(out.get(0).text()).isEqualTo("I0816 01:03:26.983791 90210 server.cc:607]\n+-----+\n| a   |");
    }

    @Test
    void gluedRecordsOfOldReleasesAreSplit() {
        MultilineJoiner joiner = joiner(JoinLimits.DEFAULT);
        joiner.accept("I0312 09:14:02.613370 1 model_repository_manager.cc:1183] successfully loaded 'tf' version 1"
                + "E0312 09:14:02.613388 1 server.cc:522] boom", 5);
        joiner.flush();
        assertThat(out).extracting(JoinedEntry::text).containsExactly(
                "I0312 09:14:02.613370 1 model_repository_manager.cc:1183] successfully loaded 'tf' version 1",
                "E0312 09:14:02.613388 1 server.cc:522] boom");
        assertThat(out).extracting(JoinedEntry::level).containsExactly(Level.INFO, Level.ERROR);
    }

    @Test
    void gluedIsoRecordsAreSplitToo() {
        MultilineJoiner joiner = joiner(JoinLimits.DEFAULT);
        joiner.accept("2025-03-16T14:17:33Z I 7 a.cc:1] \"one\"2025-03-16T14:17:33Z W 7 b.cc:2] \"two\"", 5);
        joiner.flush();
        assertThat(out).extracting(JoinedEntry::text).containsExactly(
                "2025-03-16T14:17:33Z I 7 a.cc:1] \"one\"", "2025-03-16T14:17:33Z W 7 b.cc:2] \"two\"");
    }

    @Test
    void entryIsSplitAtTheLineLimitAndKeepsItsLevel() {
        MultilineJoiner joiner = joiner(new JoinLimits(3, 1 << 20, Duration.ofSeconds(1)));
        joiner.accept("E0816 01:03:26.983791 1 server.cc:607]", 1);
        for (int i = 0; i < 5; i++) {
            joiner.accept("| row " + i + " |", 2 + i);
        }
        joiner.flush();
        assertThat(out).extracting(JoinedEntry::lineCount).containsExactly(3, 3);
        assertThat(out).extracting(JoinedEntry::continued).containsExactly(false, true);
        assertThat(out).allSatisfy(e -> assertThat(e.level()).isEqualTo(Level.ERROR));
        assertThat(out.get(1).text()).isEqualTo("| row 2 |\n| row 3 |\n| row 4 |");
        assertThat(out.get(1).timestampNanos()).isEqualTo(4);
    }

    @Test
    void entryIsSplitAtTheByteLimit() {
        MultilineJoiner joiner = joiner(new JoinLimits(1000, 30, Duration.ofSeconds(1)));
        joiner.accept("W0816 01:03:26.983791 1 a.cc:1]", 1); // 31 bytes: already over, stays whole
        joiner.accept("| é |", 2);
        joiner.accept("| b |", 3);
        joiner.flush();
        assertThat(out).extracting(JoinedEntry::text).containsExactly("W0816 01:03:26.983791 1 a.cc:1]", "| é |\n| b |");
    }

    @Test
    void idleEntryIsFlushedAfterTheTimeoutAndLaterRowsKeepTheirOwner() {
        MultilineJoiner joiner = joiner(new JoinLimits(100, 1 << 20, Duration.ofMillis(500)));
        joiner.accept("E0816 01:03:26.983791 1 server.cc:607]", 1);
        joiner.accept("+---+", 2);
        clock.addAndGet(Duration.ofMillis(499).toNanos());
        joiner.flushIfIdle();
        assertThat(out).isEmpty();
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        joiner.flushIfIdle();
        assertThat(out).hasSize(1);
        assertThat(joiner.hasPending()).isFalse();
        joiner.accept("| late |", 3);
        joiner.flush();
        assertThat(out.get(1).text()).isEqualTo("| late |");
        assertThat(out.get(1).continued()).isTrue();
        assertThat(out.get(1).level()).isEqualTo(Level.ERROR);
    }

    @Test
    void singleLineEntriesAreNotCopied() {
        MultilineJoiner joiner = joiner(JoinLimits.DEFAULT);
        String line = "I0816 01:03:26.983791 1 server.cc:607] hello";
        joiner.accept(line, 1);
        joiner.flush();
        assertThat(out.get(0).text()).isSameAs(line);
    }

    @Test
    void pythonTracebackIsOneEntry() {
        MultilineJoiner joiner = joiner(JoinLimits.DEFAULT);
        for (String line : List.of("Traceback (most recent call last):", "  File \"m.py\", line 3, in <module>",
                "    import torch", "ModuleNotFoundError: No module named 'torch'", "next program line")) {
            joiner.accept(line, 1);
        }
        joiner.flush();
        assertThat(out).extracting(JoinedEntry::lineCount).containsExactly(4, 1);
    }
}
