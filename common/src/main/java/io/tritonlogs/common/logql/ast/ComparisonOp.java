package io.tritonlogs.common.logql.ast;

/**
 * Comparison in a number, duration or bytes label filter. {@code =} and {@code ==} mean the same in
 * Loki, so both parse to {@link #EQ}, printed {@code ==}.
 */
public enum ComparisonOp {
    EQ("=="), NEQ("!="), GT(">"), GTE(">="), LT("<"), LTE("<=");

    private final String symbol;

    ComparisonOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
