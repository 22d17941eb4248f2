package io.tritonlogs.query.errors;

/** A request naming label values its token may not read: answers 403. */
public final class OutOfScopeException extends RuntimeException {
    public OutOfScopeException(String detail) {
        super(detail);
    }
}
