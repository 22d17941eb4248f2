package io.tritonlogs.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An {@code application/problem+json} body; position fields are set for rule file faults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String file, String group, String rule,
                      Integer line, Integer column, List<Fault> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One fault of a refused rule file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fault(String file, String group, String rule, int line, int column, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null, null, null, null);
    }
}
