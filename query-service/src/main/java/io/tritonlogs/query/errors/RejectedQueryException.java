package io.tritonlogs.query.errors;

/** Valid LogQL the service will not run (a range over the limit, say): answers 400. */
public final class RejectedQueryException extends RuntimeException {
    public RejectedQueryException(String detail) {
        super(detail);
    }
}
