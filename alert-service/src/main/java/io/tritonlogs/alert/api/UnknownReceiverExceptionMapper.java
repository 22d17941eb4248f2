package io.tritonlogs.alert.api;

import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404 problem for a receiver that does not exist. */
@Provider
public class UnknownReceiverExceptionMapper implements ExceptionMapper<UnknownReceiverException> {
    @Override
    public Response toResponse(UnknownReceiverException e) {
        return Problem.of("unknown-receiver", "Unknown receiver", 404, e.getMessage()).response();
    }
}
