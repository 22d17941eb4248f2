package io.tritonlogs.query.rest;

import io.quarkus.logging.Log;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Loki (or Prometheus) could not answer: 503 unreachable, 504 too slow, 400 rejected with its message, 502 otherwise. */
@Provider
public class LokiExceptionMapper implements ExceptionMapper<LokiException> {
    @Override
    public Response toResponse(LokiException e) {
        Log.debugf("upstream failure: %s", e.getMessage());
        String title = switch (e.kind()) {
            case UNREACHABLE -> e.upstream() + " unavailable";
            case TIMEOUT -> e.upstream() + " too slow";
            case REJECTED -> "Query rejected by " + e.upstream();
            case FAILED -> e.upstream() + " failed";
        };
        return Problem.of(e.upstream().toLowerCase() + "-" + e.kind().name().toLowerCase(), title, e.kind().status(), e.getMessage()).response();
    }
}
