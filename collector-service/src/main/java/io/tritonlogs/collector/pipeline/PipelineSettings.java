package io.tritonlogs.collector.pipeline;

import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.TritonLineParser;

/** What every target pipeline shares; all parts are thread-safe. */
public record PipelineSettings(TritonLineParser parser, JoinLimits joinLimits, ModelNameExtractor models,
                               Redactor redactor, int maxModelsPerTarget) {
}
