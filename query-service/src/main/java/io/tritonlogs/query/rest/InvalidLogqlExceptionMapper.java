package io.tritonlogs.query.rest;

import io.tritonlogs.query.errors.InvalidLogqlException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** LogQL the parser rejected: 400 with the error's line and column. */
@Provider
public class InvalidLogqlExceptionMapper implements ExceptionMapper<InvalidLogqlException> {
    @Override
    public Response toResponse(InvalidLogqlException e) {
        return Problem.of("invalid-logql", "Invalid LogQL", 400, "the query is not valid LogQL: " + e.error().message())
                .withParameter("query").at(e.error().line(), e.error().column()).response();
    }
}
