package io.tritonlogs.query.rest;

import io.tritonlogs.query.errors.OutOfScopeException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request outside its token's scope: 403. */
@Provider
public class OutOfScopeExceptionMapper implements ExceptionMapper<OutOfScopeException> {
    @Override
    public Response toResponse(OutOfScopeException e) {
        return Problem.of("out-of-scope", "Forbidden", 403, e.getMessage()).response();
    }
}
