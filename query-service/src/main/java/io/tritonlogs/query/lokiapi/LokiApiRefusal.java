package io.tritonlogs.query.lokiapi;

/** A request to Loki's read API this service answers itself, in plain text as Loki does (400 for a bad query). */
final class LokiApiRefusal extends RuntimeException {

    private final int status;

    LokiApiRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
