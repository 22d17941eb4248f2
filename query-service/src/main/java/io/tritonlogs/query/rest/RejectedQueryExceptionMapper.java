package io.tritonlogs.query.rest;

import io.tritonlogs.query.errors.RejectedQueryException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Valid LogQL over the limits: 400. */
@Provider
public class RejectedQueryExceptionMapper implements ExceptionMapper<RejectedQueryException> {
    @Override
    public Response toResponse(RejectedQueryException e) {
        return Problem.of("rejected-query", "Query over the limits", 400, e.getMessage()).withParameter("query").response();
    }
}
