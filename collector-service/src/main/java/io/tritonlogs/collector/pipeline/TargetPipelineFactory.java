package io.tritonlogs.collector.pipeline;

import io.tritonlogs.collector.positions.Cursor;

import java.util.Map;

/** Makes the pipeline of a newly found target. */
@FunctionalInterface
public interface TargetPipelineFactory {
    TargetPipeline create(String id, String name, Map<String, String> baseLabels, Cursor resumeAfter);
}
