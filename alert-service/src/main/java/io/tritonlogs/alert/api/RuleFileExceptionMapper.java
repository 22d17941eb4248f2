package io.tritonlogs.alert.api;

import io.tritonlogs.alert.rules.RuleError;
import io.tritonlogs.alert.rules.RuleFileException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused rule file: 400 naming file, group, rule, line and column of the first fault, and listing all. */
@Provider
public class RuleFileExceptionMapper implements ExceptionMapper<RuleFileException> {

    @Override
    public Response toResponse(RuleFileException e) {
        RuleError first = e.errors().get(0);
        Problem problem = new Problem("about:blank", "Invalid rule file", 400, e.getMessage(), first.file(), first.group(), first.rule(),
                first.line(), first.column(),
                e.errors().stream().map(r -> new Problem.Fault(r.file(), r.group(), r.rule(), r.line(), r.column(), r.message())).toList());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
