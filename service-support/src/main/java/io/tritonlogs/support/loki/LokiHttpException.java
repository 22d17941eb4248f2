package io.tritonlogs.support.loki;

/**
 * A request to Loki failed before Loki could answer it, or (from {@link LokiHttpClient#requireSuccess})
 * was answered with an error status. {@link #status()} is 0 when there was no answer.
 */
public final class LokiHttpException extends Exception {

    private final LokiFailure failure;
    private final int status;
    private final String answer;

    public LokiHttpException(LokiFailure failure, int status, String answer, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.status = status;
        this.answer = answer;
    }

    public LokiFailure failure() {
        return failure;
    }

    public int status() {
        return status;
    }

    /** The first line of Loki's answer (at most 500 characters), or the transport error's description. */
    public String answer() {
        return answer;
    }
}
