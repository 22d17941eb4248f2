package io.tritonlogs.common.logql.ast;

/**
 * A parsed LogQL query: a {@link LogExpr} (returns log lines) or a {@link SampleExpr} (returns
 * samples). Every node is an immutable record without source positions, so two queries that
 * differ only in spacing, quoting style, comments or redundant parentheses are {@code equals}.
 */
public sealed interface Expr permits LogExpr, SampleExpr {
}
