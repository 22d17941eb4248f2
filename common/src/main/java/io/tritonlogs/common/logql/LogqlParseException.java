package io.tritonlogs.common.logql;

/** A query that does not parse; {@link #error()} says why and where. */
public final class LogqlParseException extends RuntimeException {

    private final transient ParseError error;

    public LogqlParseException(ParseError error) {
        super(error.message());
        this.error = error;
    }

    public ParseError error() {
        return error;
    }
}
