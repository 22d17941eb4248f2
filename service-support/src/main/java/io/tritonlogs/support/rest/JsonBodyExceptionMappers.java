package io.tritonlogs.support.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request body that is not the JSON the endpoint takes: 400, never 500. Jackson's subtypes are named so ours win over Quarkus' defaults. */
public class JsonBodyExceptionMappers {

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return problem("the body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        return problem(field == null ? "the body does not have the expected shape" : "the body field '" + field + "' has the wrong type", field);
    }

    @ServerExceptionMapper
    public Response other(JsonProcessingException e) {
        return problem("the body could not be read as JSON: " + e.getOriginalMessage(), null);
    }

    private static Response problem(String detail, String field) {
        return Problem.of("invalid-body", "Invalid request body", 400, detail).withParameter(field).response();
    }
}
