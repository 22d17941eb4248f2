package io.tritonlogs.alert.eval;

/** Loki could not be asked, or answered with an error or something that is not a vector. */
public class LokiQueryException extends Exception {
    public LokiQueryException(String message) {
        super(message);
    }

    public LokiQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
