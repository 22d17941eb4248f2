package io.tritonlogs.query.rest;

import io.tritonlogs.query.errors.UnknownPresetException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** No such preset: 404. */
@Provider
public class UnknownPresetExceptionMapper implements ExceptionMapper<UnknownPresetException> {
    @Override
    public Response toResponse(UnknownPresetException e) {
        return Problem.of("unknown-preset", "Not found", 404, e.getMessage()).response();
    }
}
