package io.tritonlogs.common.logql.ast;

import java.util.List;

/** A stream selector {@code {name="value", ...}}; matchers keep the order they were written in. */
public record Selector(List<Matcher> matchers) {

    public Selector {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }
}
