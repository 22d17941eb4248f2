package io.tritonlogs.support.loki;

/**
 * Why a request to Loki did not succeed, the one classification every service uses: whether to
 * retry, and what to tell a caller.
 */
public enum LokiFailure {
    /** No connection: refused, unknown host, closed before an answer. Worth retrying. */
    UNREACHABLE,
    /** No answer within the request timeout. Worth retrying. */
    TIMEOUT,
    /** 429 or 503: Loki is overloaded, limiting or not ready. Worth retrying later. */
    OVERLOADED,
    /**
     * Any other 4xx, or an answer that is neither success nor error (1xx, a 3xx redirect, which the
     * client does not follow): the request as sent will never succeed (bad query, too old, too long,
     * a wrong URL). Never retried.
     */
    REJECTED,
    /** Any other 5xx, or a failure with no answer that is none of the above. Worth retrying. */
    FAILED;

    public boolean retryable() {
        return this != REJECTED;
    }

    /** The failure an HTTP status stands for; null for 2xx. */
    public static LokiFailure ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status == 429 || status == 503) {
            return OVERLOADED;
        }
        return status >= 500 ? FAILED : REJECTED;
    }
}
