package io.tritonlogs.common.triton;

import io.tritonlogs.common.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every line of every sample parses as its {@code expected.tsv} says: kind, level, source and
 * model ({@code *} = not scored). New samples need no new code: drop a {@code .log} and its rows in.
 */
class ExpectedParsesTest {

    private final ModelNameExtractor extractor = new ModelNameExtractor();

    @TestFactory
    List<DynamicTest> everySampleLineParsesAsExpected() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : Fixtures.tritonLogDirs()) {
            Map<String, List<String[]>> rowsByFile = readExpected(dir.resolve("expected.tsv"));
            assertThat(rowsByFile).as("expected.tsv in %s", dir).isNotEmpty();
            try (var files = Files.list(dir)) {
                List<String> logs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
                assertThat(rowsByFile.keySet()).as("every .log in %s has expected rows", dir).containsAll(logs);
            }
            rowsByFile.forEach((file, rows) -> tests.add(DynamicTest.dynamicTest(dir.getFileName() + "/" + file,
                    () -> checkFile(dir.resolve(file), rows))));
        }
        return tests;
    }

    private void checkFile(Path file, List<String[]> rows) {
        List<String> lines = Fixtures.lines(file);
        assertThat(rows).as("one expected row per line of %s", file).hasSize(lines.size());
        LineClassifier classifier = new LineClassifier(new TritonLineParser());
        List<String> mismatches = new ArrayList<>();
        for (String[] row : rows) {
            int number = Integer.parseInt(row[1]);
            String line = lines.get(number - 1);
            ParsedLine parsed = classifier.classify(line);
            String kind = parsed.kind().name().toLowerCase();
            boolean continuation = parsed.kind() == LineKind.CONTINUATION;
            String level = continuation ? "" : parsed.level().name();
            String source = continuation || parsed.source() == null || !parsed.hasTritonPreamble() ? "" : parsed.source();
            String model = continuation ? "" : Objects.toString(extractor.extract(parsed), "");
            compare(mismatches, number, "kind", row[2], kind, line);
            compare(mismatches, number, "level", row[3], level, line);
            compare(mismatches, number, "source", row[4], source, line);
            compare(mismatches, number, "model", row.length > 5 ? row[5] : "", model, line);
        }
        assertThat(mismatches).as("mismatches in %s", file.getFileName()).isEmpty();
    }

    private static void compare(List<String> mismatches, int line, String field, String expected, String actual, String text) {
        if (!"*".equals(expected) && !expected.equals(actual)) {
            mismatches.add("line " + line + " " + field + ": expected '" + expected + "' but got '" + actual + "' in: " + text);
        }
    }

    private static Map<String, List<String[]>> readExpected(Path tsv) throws IOException {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        assertThat(lines.get(0)).startsWith("file\tline\tkind\tlevel\tsource\tmodel");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            rows.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells);
        }
        return rows;
    }
}
