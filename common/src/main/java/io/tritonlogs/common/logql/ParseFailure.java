package io.tritonlogs.common.logql;

/** Unwinds the parser to {@link LogqlParser#parse}, which turns it into a {@link ParseResult.Failed}. */
final class ParseFailure extends RuntimeException {

    final transient ParseError error;

    ParseFailure(ParseError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }
}
