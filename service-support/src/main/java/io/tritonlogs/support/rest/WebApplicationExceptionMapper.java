package io.tritonlogs.support.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Framework errors (unknown path, wrong method or media type) as problems with their own status. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 404 -> "there is nothing at this path; GET /q/openapi lists the API";
            case 405 -> "this path does not take that method";
            case 415 -> "send the body as application/json";
            case 406 -> "this path answers application/json (or text/event-stream for a tail)";
            default -> e.getMessage();
        };
        return Problem.of("http-" + status, known == null ? "Error" : known.getReasonPhrase(), status, detail).response();
    }
}
