package io.tritonlogs.collector.pipeline;

import java.util.Map;

/**
 * Who a target is: its id, its display name and the stream labels every entry of it carries
 * ({@code container}, {@code service}, and on Kubernetes {@code namespace} and {@code pod}).
 */
public record TargetIdentity(String id, String name, Map<String, String> baseLabels) {

    public TargetIdentity {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a target needs an id");
        }
        baseLabels = Map.copyOf(baseLabels);
    }
}
