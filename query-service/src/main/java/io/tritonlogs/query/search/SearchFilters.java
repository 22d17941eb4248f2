package io.tritonlogs.query.search;

import java.util.List;

/**
 * The structured filters of /logs, /logs/errors, /logs/warnings, /tail and the presets, as given:
 * label values are matched exactly; {@code contains}/{@code excludes} are literal texts;
 * {@code regex} is RE2 the caller means as a regex.
 */
public record SearchFilters(String container, String service, String namespace, String pod, List<String> levels, String model,
                            List<String> contains, List<String> excludes, String regex) {

    public SearchFilters {
        levels = levels == null ? List.of() : List.copyOf(levels);
        contains = contains == null ? List.of() : List.copyOf(contains);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    public SearchFilters withLevels(List<String> fixed) {
        return new SearchFilters(container, service, namespace, pod, fixed, model, contains, excludes, regex);
    }
}
