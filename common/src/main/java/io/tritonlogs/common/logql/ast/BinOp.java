package io.tritonlogs.common.logql.ast;

/**
 * Binary operators with Loki's precedence (expr.y lists them lowest first: {@code or}; {@code and},
 * {@code unless}; comparisons; {@code + -}; {@code * / %}; {@code ^}, the only right-associative one).
 */
public enum BinOp {
    OR("or", 1), AND("and", 2), UNLESS("unless", 2),
    EQ("==", 3), NEQ("!=", 3), GT(">", 3), GTE(">=", 3), LT("<", 3), LTE("<=", 3),
    ADD("+", 4), SUB("-", 4),
    MUL("*", 5), DIV("/", 5), MOD("%", 5),
    POW("^", 6);

    private final String symbol;
    private final int precedence;

    BinOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    public boolean rightAssociative() {
        return this == POW;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    public boolean isLogical() {
        return this == OR || this == AND || this == UNLESS;
    }
}
