package io.tritonlogs.benchmarks;

import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.Level;
import io.tritonlogs.common.triton.LineClassifier;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.ParsedLine;
import io.tritonlogs.common.triton.TritonLineParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/** Per-line cost of what the collector does to every line: classify/parse, extract the model, redact. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineBenchmark {

    private static final int LINES = 1024;

    private String[] lines;
    private TritonLineParser parser;
    private LineClassifier classifier;
    private ModelNameExtractor extractor;
    private Redactor redactor;

    @Setup
    public void setUp() {
        lines = TypicalLines.generate(LINES).toArray(String[]::new);
        parser = new TritonLineParser();
        classifier = new LineClassifier(parser);
        extractor = new ModelNameExtractor();
        redactor = Redactor.withDefaults();
    }

    /** Lines per second through classify + parse + model extraction + redaction. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseExtractRedact(Blackhole bh) {
        for (String line : lines) {
            ParsedLine parsed = classifier.classify(line);
            Level level = parsed.level();
            String model = extractor.extract(parsed);
            String redacted = redactor.redact(line);
            bh.consume(level);
            bh.consume(model);
            bh.consume(redacted);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseOnly(Blackhole bh) {
        for (String line : lines) {
            bh.consume(parser.parse(line));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void redactOnly(Blackhole bh) {
        for (String line : lines) {
            bh.consume(redactor.redact(line));
        }
    }
}
