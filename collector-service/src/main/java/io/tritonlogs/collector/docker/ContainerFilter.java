package io.tritonlogs.collector.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which containers to follow: name regexes and Docker labels ({@code key} or {@code key=value}), include and exclude. */
public record ContainerFilter(Optional<Pattern> includeNames, Optional<Pattern> excludeNames, List<String> includeLabels,
                              List<String> excludeLabels, Optional<String> selfId) {

    public ContainerFilter {
        includeLabels = includeLabels == null ? List.of() : List.copyOf(includeLabels);
        excludeLabels = excludeLabels == null ? List.of() : List.copyOf(excludeLabels);
    }

    public boolean accepts(ContainerInfo container) {
        if (selfId.isPresent() && !selfId.get().isBlank() && container.id().startsWith(selfId.get())) {
            return false;
        }
        if (includeNames.isPresent() && !includeNames.get().matcher(container.name()).find()) {
            return false;
        }
        if (excludeNames.isPresent() && excludeNames.get().matcher(container.name()).find()) {
            return false;
        }
        for (String label : includeLabels) {
            if (!has(container.labels(), label)) {
                return false;
            }
        }
        for (String label : excludeLabels) {
            if (has(container.labels(), label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean has(Map<String, String> labels, String selector) {
        int eq = selector.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(selector.trim());
        }
        return selector.substring(eq + 1).trim().equals(labels.get(selector.substring(0, eq).trim()));
    }
}
