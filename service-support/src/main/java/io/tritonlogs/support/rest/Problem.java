package io.tritonlogs.support.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error body of all three services, an RFC 9457 problem: {@code type}
 * ({@code urn:tritonlogs:problem:<slug>}, one slug per kind of mistake, stable for clients),
 * {@code title}, {@code status}, {@code detail} (a sentence for a human), and extension members
 * that say where the mistake is ({@code parameter}; {@code line}/{@code column} of bad LogQL;
 * {@code file}/{@code group}/{@code rule} and {@code errors} of a refused rule file).
 *
 * <p>The convention: a service throws its own typed exceptions; one {@code ExceptionMapper} per
 * exception type turns it into a {@code Problem}; anything unmapped is a 500 problem logged by
 * {@link UnexpectedExceptionMapper}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:tritonlogs:problem:";

    public Problem {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, Map.of());
    }

    /** The same problem with one more extension member; a null value leaves it out. */
    public Problem with(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }

    public Problem withParameter(String name) {
        return with("parameter", name);
    }

    public Problem at(int line, int column) {
        return with("line", line).with("column", column);
    }

    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
