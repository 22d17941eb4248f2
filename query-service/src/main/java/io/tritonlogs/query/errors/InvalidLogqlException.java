package io.tritonlogs.query.errors;

import io.tritonlogs.common.logql.ParseError;

/** LogQL that common's parser rejected: answers 400 with the error's line and column. */
public final class InvalidLogqlException extends RuntimeException {
    private final ParseError error;

    public InvalidLogqlException(ParseError error) {
        super(error.message());
        this.error = error;
    }

    public ParseError error() {
        return error;
    }
}
