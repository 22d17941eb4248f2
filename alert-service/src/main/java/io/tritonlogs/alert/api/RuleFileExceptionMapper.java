package io.tritonlogs.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tritonlogs.alert.rules.RuleError;
import io.tritonlogs.alert.rules.RuleFileException;
import io.tritonlogs.support.rest.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused rule file: 400 naming file, group, rule, line and column of the first fault, and listing all in {@code errors}. */
@Provider
public class RuleFileExceptionMapper implements ExceptionMapper<RuleFileException> {

    /** One fault of a refused rule file, an item of the problem's {@code errors}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fault(String file, String group, String rule, int line, int column, String message) {
    }

    @Override
    public Response toResponse(RuleFileException e) {
        RuleError first = e.errors().get(0);
        return Problem.of("invalid-rule-file", "Invalid rule file", 400, e.getMessage())
                .with("file", first.file()).with("group", first.group()).with("rule", first.rule())
                .at(first.line(), first.column())
                .with("errors", e.errors().stream().map(r -> new Fault(r.file(), r.group(), r.rule(), r.line(), r.column(), r.message())).toList())
                .response();
    }
}
