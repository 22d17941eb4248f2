package io.tritonlogs.collector.docker;

import java.util.Map;

/**
 * What the collector needs to know of a container, from {@code GET /containers/{id}/json}.
 *
 * @param name           without Docker's leading {@code /}
 * @param createdNanos   Unix nanoseconds of its creation
 */
public record ContainerInfo(String id, String name, Map<String, String> labels, boolean tty, boolean running,
                            long createdNanos) {

    public ContainerInfo {
        name = name != null && name.startsWith("/") ? name.substring(1) : name;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The {@code service} label: compose service, else Kubernetes app name, else the container name. */
    public String service() {
        for (String key : new String[] {"com.docker.compose.service", "app.kubernetes.io/name", "app"}) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return name;
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
