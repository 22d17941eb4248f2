package io.tritonlogs.common.logql.ast;

import java.util.List;

/** {@code by (a, b)} or {@code without (a)}; an empty list is {@code by ()}. */
public record Grouping(boolean without, List<String> labels) {

    public Grouping {
        labels = labels == null ? List.of() : List.copyOf(labels);
        labels.forEach(Names::requireLabelName);
    }

    public static Grouping by(String... labels) {
        return new Grouping(false, List.of(labels));
    }
}
