package io.tritonlogs.common.logql.ast;

/** How a label matcher compares a label's value. */
public enum MatchOp {
    EQ("="), NEQ("!="), RE("=~"), NRE("!~");

    private final String symbol;

    MatchOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isRegex() {
        return this == RE || this == NRE;
    }
}
