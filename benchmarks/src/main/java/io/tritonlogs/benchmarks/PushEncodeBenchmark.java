package io.tritonlogs.benchmarks;

import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Entries per second encoded into a push body: a 1,000-entry batch over 4 level streams. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PushEncodeBenchmark {

    private static final int ENTRIES = 1000;

    private List<PushStream> batch;
    private ProtobufPushEncoder protobuf;

    @Setup
    public void setUp() {
        List<String> lines = TypicalLines.generate(ENTRIES);
        String[] levels = {"INFO", "WARNING", "ERROR", "UNKNOWN"};
        batch = new ArrayList<>();
        long ts = 1_733_049_045_000_000_000L;
        for (int s = 0; s < levels.length; s++) {
            List<PushEntry> entries = new ArrayList<>();
            for (int i = s; i < ENTRIES; i += levels.length) {
                entries.add(new PushEntry(ts + i * 1000L, lines.get(i)));
            }
            batch.add(new PushStream(LabelSet.of(Map.of("container", "triton", "service", "triton",
                    "level", levels[s], "stream", "stderr")), entries));
        }
        protobuf = new ProtobufPushEncoder();
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public ByteBuffer protobufSnappy() {
        return protobuf.encode(batch);
    }
}
