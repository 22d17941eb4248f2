package io.tritonlogs.common.logql.ast;

import java.util.List;

/**
 * {@code on (labels)} / {@code ignoring (labels)} with an optional {@code group_left (include)} or
 * {@code group_right (include)}. {@code group_left} and {@code group_left ()} mean the same and are
 * both an empty {@code include}.
 */
public record VectorMatching(boolean on, List<String> labels, Cardinality cardinality, List<String> include) {

    public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY }

    public VectorMatching {
        labels = labels == null ? List.of() : List.copyOf(labels);
        include = include == null ? List.of() : List.copyOf(include);
        cardinality = cardinality == null ? Cardinality.ONE_TO_ONE : cardinality;
        labels.forEach(Names::requireLabelName);
        include.forEach(Names::requireLabelName);
        if (cardinality == Cardinality.ONE_TO_ONE && !include.isEmpty()) {
            throw new IllegalArgumentException("include labels need group_left or group_right");
        }
    }
}
