package io.tritonlogs.query.rest;

import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A bad parameter or body field: 400 naming it. */
@Provider
public class InvalidParameterExceptionMapper implements ExceptionMapper<InvalidParameterException> {
    @Override
    public Response toResponse(InvalidParameterException e) {
        return Problem.of("invalid-parameter", "Invalid parameter", 400, e.getMessage()).withParameter(e.parameter()).response();
    }
}
