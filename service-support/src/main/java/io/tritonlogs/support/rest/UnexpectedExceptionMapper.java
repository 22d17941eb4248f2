package io.tritonlogs.support.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Anything no other mapper knows is the service's own fault: 500, still a problem document, with
 * the exception logged here (the caller gets no internals). User mistakes never arrive here: they
 * are each service's typed exceptions and Jackson's, mapped to 4xx.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(RuntimeException e) {
        LOG.errorf(e, "unexpected failure answering a request");
        return Problem.of("internal", "Internal error", 500, "the service failed unexpectedly; the error is in its log").response();
    }
}
