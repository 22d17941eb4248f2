package io.tritonlogs.collector.pipeline;

import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.common.redact.RedactionConfig;
import io.tritonlogs.common.redact.RedactionRule;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetPipelineTest {

    private final List<OutboundEntry> out = new ArrayList<>();

    private TargetPipeline pipeline(Cursor resumeAfter, int maxModels) {
        PipelineSettings settings = new PipelineSettings(new TritonLineParser(), new JoinLimits(100, 1 << 20, Duration.ofHours(1)),
                new ModelNameExtractor(), Redactor.withDefaults(), maxModels);
        return new TargetPipeline(new TargetIdentity("c1", "triton", Map.of("container", "triton", "service", "inference")),
                settings, out::add, PipelineCounters.NONE, resumeAfter);
    }

    @Test
    void labelsFollowTheContractAndSecretsAreMasked() {
        TargetPipeline p = pipeline(null, 200);
        p.accept(true, 10, "E1201 10:30:45.123456 1 model_lifecycle.cc:638] failed to load 'resnet50' version 1: token=abc", 1);
        p.flush();
        OutboundEntry entry = out.get(0);
        assertThat(entry.labels().render()).isEqualTo(
                "{container=\"triton\", level=\"ERROR\", model_name=\"resnet50\", service=\"inference\", stream=\"stderr\"}");
        assertThat(entry.line()).endsWith("token=***REDACTED***");
        assertThat(entry.timestampNanos()).isEqualTo(10);
    }

    @Test
    void safeCursorNeverPassesALinePendingOnTheOtherStream() {
        TargetPipeline p = pipeline(null, 200);
        p.accept(true, 1, "I1201 10:30:45.000001 1 server.cc:607]", 1);   // stderr: table heading, pending
        p.accept(false, 2, "I1201 10:30:45.000002 1 a.cc:1] out one", 1);
        p.accept(false, 3, "I1201 10:30:45.000003 1 a.cc:1] out two", 1); // emits "out one"
        p.accept(true, 4, "+----+", 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).line()).endsWith("out one");
        assertThat(out.get(0).safeCursor()).as("before the pending stderr heading").isEqualTo(Cursor.START);
        p.accept(true, 5, "I1201 10:30:45.000005 1 a.cc:1] err next", 1);   // emits the table entry
        OutboundEntry table = out.get(1);
        assertThat(table.line()).isEqualTo("I1201 10:30:45.000001 1 server.cc:607]\n+----+");
        assertThat(table.safeCursor()).as("before the still pending 'out two'").isEqualTo(new Cursor(2, 1));
        p.flush();
        assertThat(out.get(out.size() - 1).safeCursor()).isEqualTo(new Cursor(5, 1));
    }

    @Test
    void resumeSkipsExactlyTheLinesUpToTheCursorCountingEqualTimestamps() {
        TargetPipeline p = pipeline(new Cursor(7, 2), 200);
        p.restartRead();
        p.accept(false, 6, "I1201 10:30:45.000001 1 a.cc:1] old", 1);
        p.accept(false, 7, "I1201 10:30:45.000001 1 a.cc:1] same ts one", 1);
        p.accept(false, 7, "I1201 10:30:45.000001 1 a.cc:1] same ts two", 1);
        p.accept(false, 7, "I1201 10:30:45.000001 1 a.cc:1] same ts three", 1);
        p.accept(false, 8, "I1201 10:30:45.000001 1 a.cc:1] new", 1);
        p.flush();
        assertThat(out).extracting(OutboundEntry::line).containsExactly(
                "I1201 10:30:45.000001 1 a.cc:1] same ts three", "I1201 10:30:45.000001 1 a.cc:1] new");
        assertThat(p.readCursor()).isEqualTo(new Cursor(8, 1));
    }

    @Test
    void modelLabelIsLeftOffPastTheLimit() {
        TargetPipeline p = pipeline(null, 2);
        for (int i = 1; i <= 4; i++) {
            p.accept(false, i, "I1201 10:30:45.000001 1 model_lifecycle.cc:472] loading: m" + i + ":1", 1);
        }
        p.accept(false, 5, "I1201 10:30:45.000001 1 model_lifecycle.cc:839] successfully loaded 'm1'", 1);
        p.flush();
        assertThat(out).extracting(e -> e.labels().get("model_name")).containsExactly("m1", "m2", null, null, "m1");
    }

    @Test
    void extraRedactionRulesApplyAfterTheBuiltInOnes() {
        Redactor redactor = new Redactor(new RedactionConfig(RedactionConfig.DEFAULT_SECRET_KEYS, true, true, true,
                List.of(RedactionRule.of("session", "(session_id)=[^\\s\"]+", "$1=***REDACTED***"))));
        PipelineSettings settings = new PipelineSettings(new TritonLineParser(), new JoinLimits(100, 1 << 20, Duration.ofHours(1)),
                new ModelNameExtractor(), redactor, 200);
        TargetPipeline p = new TargetPipeline(new TargetIdentity("c1", "triton", Map.of("container", "triton", "service", "inference")),
                settings, out::add, PipelineCounters.NONE, null);
        p.accept(true, 10, "E1201 10:30:45.123456 1 infer_handler.cc:1] \"failed: session_id=s3cr3t token=abc\"", 1);
        p.flush();
        assertThat(out.get(0).line()).isEqualTo(
                "E1201 10:30:45.123456 1 infer_handler.cc:1] \"failed: session_id=***REDACTED*** token=***REDACTED***\"");
    }
}
