package io.tritonlogs.query.correlate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One model over a window: Loki's error and warning counts beside Triton's request metrics from
 * Prometheus ({@code nv_inference_request_success}, {@code _failure}, {@code _duration_us},
 * {@code nv_inference_queue_duration_us}); metric fields are null when Prometheus has none.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelCorrelation(String model, long errors, long warnings, Long requestSuccess, Long requestFailure,
                               Double avgRequestLatencyMs, Double avgQueueLatencyMs) {
}
