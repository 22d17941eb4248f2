package io.tritonlogs.common.logql.ast;

import java.util.List;

/** A log query: a stream selector followed by pipeline stages, e.g. {@code {container="triton"} |= "error" | json}. */
public record LogExpr(Selector selector, List<Stage> stages) implements Expr {

    public LogExpr {
        if (selector == null) {
            throw new IllegalArgumentException("a log query needs a stream selector");
        }
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    public LogExpr withSelector(Selector newSelector) {
        return new LogExpr(newSelector, stages);
    }
}
