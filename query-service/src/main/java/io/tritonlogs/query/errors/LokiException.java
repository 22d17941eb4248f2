package io.tritonlogs.query.errors;

import io.tritonlogs.support.loki.LokiFailure;
import io.tritonlogs.support.loki.LokiHttpClient;
import io.tritonlogs.support.loki.LokiHttpException;

/**
 * Loki (or Prometheus, or the alert-service) could not answer. {@link Kind} decides the status the
 * caller sees: 503 unreachable, 504 too slow, 400 Loki rejected the query (its message passed on),
 * 502 any other failure. The factories here are the one place a {@link LokiFailure} becomes a kind.
 */
public final class LokiException extends RuntimeException {

    public enum Kind {
        UNREACHABLE(503), TIMEOUT(504), REJECTED(400), FAILED(502);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /**
         * An overloaded upstream is as good as unreachable to the caller; only a 400 is the caller's
         * query being rejected, any other 4xx is this service asking wrongly.
         */
        public static Kind of(LokiFailure failure, int status) {
            return switch (failure) {
                case UNREACHABLE, OVERLOADED -> UNREACHABLE;
                case TIMEOUT -> TIMEOUT;
                case REJECTED -> status == 400 ? REJECTED : FAILED;
                case FAILED -> FAILED;
            };
        }

        /** The kind of an answer with {@code status} where a 200 was due (a 2xx other than 200 is a failed answer too). */
        public static Kind ofStatus(int status) {
            LokiFailure failure = LokiFailure.ofStatus(status);
            return failure == null ? FAILED : of(failure, status);
        }
    }

    private final Kind kind;
    private final String upstream;

    public LokiException(Kind kind, String upstream, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.upstream = upstream;
    }

    /** {@code upstream} gave no answer at all (the shared client's sentence, naming {@code upstream}). */
    public static LokiException unanswered(String upstream, LokiHttpException e) {
        String detail = e.getMessage().startsWith("Loki") ? upstream + e.getMessage().substring(4) : e.getMessage();
        return new LokiException(Kind.of(e.failure(), e.status()), upstream, detail, e);
    }

    /** {@code upstream} answered {@code path} with {@code status}, not the 200 it should have; its first line is passed on. */
    public static LokiException answered(String upstream, String path, int status, String body) {
        Kind kind = Kind.ofStatus(status);
        String message = LokiHttpClient.firstLine(body);
        String detail = switch (kind) {
            case REJECTED -> upstream + " rejected the query: " + message;
            case UNREACHABLE -> upstream + " is overloaded or not ready (HTTP " + status + "): " + message;
            default -> upstream + " failed to answer " + path + " (HTTP " + status + "): " + message;
        };
        return new LokiException(kind, upstream, detail, null);
    }

    public Kind kind() {
        return kind;
    }

    /** "Loki", "Prometheus" or "alert-service". */
    public String upstream() {
        return upstream;
    }
}
