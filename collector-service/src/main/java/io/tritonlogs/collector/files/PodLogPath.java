package io.tritonlogs.collector.files;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the kubelet's log path says: {@code <pods>/<namespace>_<pod>_<uid>/<container>/<restart>.log}.
 */
public record PodLogPath(String namespace, String pod, String uid, String container) {

    public static Optional<PodLogPath> parse(Path podsRoot, Path file) {
        Path relative;
        try {
            relative = podsRoot.relativize(file);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (relative.getNameCount() != 3) {
            return Optional.empty();
        }
        String[] podParts = relative.getName(0).toString().split("_");
        if (podParts.length != 3 || podParts[0].isEmpty() || podParts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PodLogPath(podParts[0], podParts[1], podParts[2], relative.getName(1).toString()));
    }

    /**
     * A service name from the pod name when the Kubernetes API cannot be asked: a Deployment's
     * {@code name-<hash>-<5>} and a DaemonSet's {@code name-<5>} lose their suffixes, a
     * StatefulSet's {@code name-<ordinal>} its ordinal.
     */
    public String serviceFromPodName() {
        String name = pod;
        if (name.matches(".+-[a-z0-9]{6,10}-[a-z0-9]{5}")) {
            return name.replaceFirst("-[a-z0-9]{6,10}-[a-z0-9]{5}$", "");
        }
        if (name.matches(".+-\\d+")) {
            return name.replaceFirst("-\\d+$", "");
        }
        if (name.matches(".+-[a-z0-9]{5}")) {
            return name.replaceFirst("-[a-z0-9]{5}$", "");
        }
        return name;
    }
}
