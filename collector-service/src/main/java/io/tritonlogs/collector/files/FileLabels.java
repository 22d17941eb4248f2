package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's labels of a log file: a pod's from its path and its labels in the Kubernetes API
 * ({@link PodMetadata}), a Docker container's from the {@code config.v2.json} next to its log.
 */
final class FileLabels {

    /** How long a new pod's file waits for the pod's labels before it is followed with its pod name for service. */
    static final Duration LABEL_WAIT = Duration.ofSeconds(3);

    private final Path podsDir;
    private final PodMetadata pods;
    private final ObjectMapper json;

    FileLabels(Path podsDir, PodMetadata pods, ObjectMapper json) {
        this.podsDir = podsDir;
        this.pods = pods;
        this.json = json;
    }

    /**
     * The file's labels; empty when its path names no pod, and while its pod's labels are looked up
     * (for at most {@link #LABEL_WAIT}: the file is followed in a later pass, from where it was).
     */
    Optional<Map<String, String>> of(FoundFile file) {
        return file.format() == LogFileFormat.CRI ? podLabels(file.path()) : Optional.of(dockerLabels(file.path()));
    }

    private Optional<Map<String, String>> podLabels(Path file) {
        Optional<PodLogPath> pod = PodLogPath.parse(podsDir, file);
        if (pod.isEmpty()) {
            return Optional.empty();
        }
        PodLogPath p = pod.get();
        PodMetadata.PodLabels known = pods.lookup(p.namespace(), p.pod());
        if (known.state() == PodMetadata.PodLabels.State.PENDING && known.pendingFor().compareTo(LABEL_WAIT) < 0) {
            return Optional.empty();
        }
        String service = known.state() == PodMetadata.PodLabels.State.KNOWN
                ? firstNonBlank(known.labels().get("app.kubernetes.io/name"), known.labels().get("app"))
                : null;
        Map<String, String> labels = new HashMap<>();
        labels.put("namespace", p.namespace());
        labels.put("pod", p.pod());
        labels.put("container", p.container());
        labels.put("service", service != null ? service : p.serviceFromPodName());
        return Optional.of(labels);
    }

    /** Name and compose service from Docker's {@code config.v2.json} next to the log. */
    private Map<String, String> dockerLabels(Path file) {
        Path config = file.getParent().resolve("config.v2.json");
        String id = file.getParent().getFileName().toString();
        String name = id.substring(0, Math.min(12, id.length()));
        String service = null;
        try {
            JsonNode root = json.readTree(config.toFile());
            name = root.path("Name").asText(name).replaceFirst("^/", "");
            service = firstNonBlank(root.path("Config").path("Labels").path("com.docker.compose.service").asText(null),
                    root.path("Config").path("Labels").path("app").asText(null));
        } catch (IOException e) {
            Log.debugf("no readable %s: naming the container by id", config);
        }
        return Map.of("container", name, "service", service != null ? service : name);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
