package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.Expr;

/** The outcome of parsing: the query's AST, or why it is not LogQL that Loki would run. */
public sealed interface ParseResult {

    record Parsed(Expr expr) implements ParseResult {
    }

    record Failed(ParseError error) implements ParseResult {
    }

    default boolean ok() {
        return this instanceof Parsed;
    }
}
