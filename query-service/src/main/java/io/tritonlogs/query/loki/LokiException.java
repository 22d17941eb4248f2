package io.tritonlogs.query.loki;

/**
 * Loki could not answer. {@link Kind} decides the status the caller sees: 503 unreachable,
 * 504 too slow, 400 Loki rejected the query (its message passed on), 502 any other failure.
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
    }

    private final Kind kind;
    private final String upstream;

    public LokiException(Kind kind, String upstream, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.upstream = upstream;
    }

    public Kind kind() {
        return kind;
    }

    /** "Loki" or "Prometheus". */
    public String upstream() {
        return upstream;
    }
}
