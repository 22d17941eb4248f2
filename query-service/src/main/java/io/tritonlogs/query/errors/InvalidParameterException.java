package io.tritonlogs.query.errors;

/** A request parameter (or body field) the service cannot use: answers 400 naming it. */
public final class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
