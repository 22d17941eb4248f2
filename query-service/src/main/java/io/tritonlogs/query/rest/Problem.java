package io.tritonlogs.query.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem: {@code type}, {@code title}, {@code status}, {@code detail} (a human
 * sentence), plus {@code parameter} for a bad parameter and {@code line}/{@code column} for bad LogQL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter, Integer line, Integer column) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String type, String title, int status, String detail) {
        return new Problem("urn:tritonlogs:problem:" + type, title, status, detail, null, null, null);
    }

    public Problem withParameter(String name) {
        return new Problem(type, title, status, detail, name, line, column);
    }

    public Problem at(int atLine, int atColumn) {
        return new Problem(type, title, status, detail, parameter, atLine, atColumn);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
