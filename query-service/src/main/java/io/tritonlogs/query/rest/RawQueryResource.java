package io.tritonlogs.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.LintWarning;
import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.query.search.QueryRunner;
import io.tritonlogs.query.search.RawQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Raw LogQL for people who write it: checked by common's parser and linter, scoped by the caller's
 * token in every selector, then run on Loki; the answer is Loki's {@code data}.
 */
@Path("/api/v1/query")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RawQueryResource {

    /** {@code time}: RFC 3339 or Unix s/ms/ns, default now. */
    public record InstantRequest(String query, String time, Integer limit, String direction) {
    }

    /** {@code start}/{@code end} (or {@code since}), {@code step} as a duration or seconds. */
    public record RangeRequest(String query, String start, String end, String since, String step, Integer limit, String direction) {
    }

    public record ValidateRequest(String query) {
    }

    /** {@code canonical}: the query as common prints it; {@code runs}: what would run for this caller. */
    public record ValidateAnswer(boolean valid, String canonical, String runs, List<LintWarning> warnings) {
    }

    private final RawQueries raw;
    private final QueryRunner runner;

    RawQueryResource(RawQueries raw, QueryRunner runner) {
        this.raw = raw;
        this.runner = runner;
    }

    @POST
    @Operation(summary = "Run LogQL at one instant; answers Loki's data")
    public Uni<JsonNode> instant(InstantRequest request) {
        if (request == null) {
            throw new InvalidParameterException("query", "send a JSON body {\"query\": \"…\"}");
        }
        return raw.instant(request.query(), request.time(), request.limit(), request.direction());
    }

    @POST
    @Path("/validate")
    @Operation(summary = "Check LogQL without running it: 200 with the canonical form and warnings, or 400 with line and column")
    public ValidateAnswer validate(ValidateRequest request) {
        if (request == null) {
            throw new InvalidParameterException("query", "send a JSON body {\"query\": \"…\"}");
        }
        Expr expr = QueryRunner.parse(request.query());
        return new ValidateAnswer(true, LogqlPrinter.print(expr), runner.prepareUnchecked(expr), runner.lint(expr));
    }
}
