package io.tritonlogs.common.logql.ast;

/** The line filter operators. */
public enum LineFilterOp {
    CONTAINS("|="), NOT_CONTAINS("!="), MATCHES("|~"), NOT_MATCHES("!~"), PATTERN("|>"), NOT_PATTERN("!>");

    private final String symbol;

    LineFilterOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isRegex() {
        return this == MATCHES || this == NOT_MATCHES;
    }

    public boolean isPattern() {
        return this == PATTERN || this == NOT_PATTERN;
    }
}
