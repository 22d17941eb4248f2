package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.Expr;

/**
 * Parses LogQL as Loki does (grammar, lexer quirks and the checks Loki makes before running a
 * query), into an immutable AST. Never throws for any string: a query Loki would reject comes back
 * as {@link ParseResult.Failed} saying what was expected where. Thread-safe.
 */
public final class LogqlParser {

    private LogqlParser() {
    }

    /** Parses with {@link ParseLimits#LOKI}. */
    public static ParseResult parse(String query) {
        return parse(query, ParseLimits.LOKI);
    }

    public static ParseResult parse(String query, ParseLimits limits) {
        if (query == null || limits == null) {
            throw new IllegalArgumentException("query and limits are required");
        }
        try {
            return new ParseResult.Parsed(new Parser(query, limits).parseQuery());
        } catch (ParseFailure failure) {
            return new ParseResult.Failed(failure.error);
        }
    }

    /** The AST of {@code query}, or a {@link LogqlParseException} carrying the {@link ParseError}. */
    public static Expr parseOrThrow(String query) {
        return parseOrThrow(query, ParseLimits.LOKI);
    }

    public static Expr parseOrThrow(String query, ParseLimits limits) {
        ParseResult result = parse(query, limits);
        if (result instanceof ParseResult.Failed failed) {
            throw new LogqlParseException(failed.error());
        }
        return ((ParseResult.Parsed) result).expr();
    }
}
