package io.tritonlogs.query.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Anything no other mapper knows is the service's own fault: 500, still a problem document, with
 * the exception logged here (the caller gets no internals). User mistakes never arrive here: they
 * are the typed exceptions of {@code errors/} and Jackson's, mapped to 4xx.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
        Log.errorf(e, "unexpected failure answering a request");
        return Problem.of("internal", "Internal error", 500, "the query service failed unexpectedly; the error is in its log").response();
    }
}
