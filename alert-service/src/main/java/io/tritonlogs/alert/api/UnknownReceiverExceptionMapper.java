package io.tritonlogs.alert.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404 problem for a receiver that does not exist. */
@Provider
public class UnknownReceiverExceptionMapper implements ExceptionMapper<UnknownReceiverException> {
    @Override
    public Response toResponse(UnknownReceiverException e) {
        return Response.status(404).type(Problem.MEDIA_TYPE).entity(Problem.of(404, "Unknown receiver", e.getMessage())).build();
    }
}
