package io.tritonlogs.alert.rules;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alerting rule of a group, as written in a Loki ruler / Prometheus rule file.
 * {@code forDuration} and {@code keepFiringFor} are zero when absent.
 */
public record AlertRule(String file, String group, String name, String expr, Duration forDuration,
                        Duration keepFiringFor, Map<String, String> labels, Map<String, String> annotations) {

    public AlertRule {
        if (file == null || group == null || name == null || expr == null) {
            throw new IllegalArgumentException("a rule needs a file, a group, a name and an expr");
        }
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        annotations = annotations == null ? Map.of() : Map.copyOf(new TreeMap<>(annotations));
    }

    /** Unique across the service: file, group and alert name. */
    public String key() {
        return file + "/" + group + "/" + name;
    }
}
