package io.tritonlogs.common.logql.ast;

/**
 * The argument of a range aggregation: a log query over a window, e.g. {@code {a="b"} | json [5m]}.
 * Loki lets the {@code [range]} stand right after the selector or after the pipeline; both mean the
 * same and parse to this one shape. {@code unwrap} and {@code offset} may be null.
 */
public record LogRange(LogExpr log, DurationValue range, Unwrap unwrap, DurationValue offset) {

    public LogRange {
        if (log == null || range == null) {
            throw new IllegalArgumentException("a log range needs a log query and a range");
        }
    }

    public LogRange withLog(LogExpr newLog) {
        return new LogRange(newLog, range, unwrap, offset);
    }
}
