package io.tritonlogs.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.ast.Names;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.query.auth.Caller;
import io.tritonlogs.query.auth.ScopePolicy;
import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.query.loki.LokiClient;
import io.tritonlogs.query.time.TimeParser;
import io.tritonlogs.query.time.TimeRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Label names and values. A token bound to matchers sees only what its streams carry: its answers
 * come from Loki's {@code /series} for its forced selector instead of the global label index.
 */
@Path("/api/v1/labels")
@Produces(MediaType.APPLICATION_JSON)
public class LabelsResource {

    public record Labels(String start, String end, List<String> labels) {
    }

    public record Values(String label, String start, String end, List<String> values) {
    }

    private final LokiClient loki;
    private final ScopePolicy policy;
    private final TimeParser time;

    LabelsResource(LokiClient loki, ScopePolicy policy, TimeParser time) {
        this.loki = loki;
        this.policy = policy;
        this.time = time;
    }

    @GET
    @Operation(summary = "Label names seen in the range (default the last hour)")
    public Uni<Labels> labels(@RestQuery String since, @RestQuery String start, @RestQuery String end) {
        TimeRange range = time.range(start, end, since);
        Caller caller = policy.caller();
        Uni<List<String>> names = caller.scoped()
                ? fromSeries(caller, range, series -> {
                    TreeSet<String> found = new TreeSet<>();
                    series.forEach(s -> s.fieldNames().forEachRemaining(found::add));
                    return List.copyOf(found);
                })
                : loki.labels(range.start(), range.end()).map(LabelsResource::strings);
        return names.map(n -> new Labels(range.start().toString(), range.end().toString(), n));
    }

    @GET
    @Path("/{name}/values")
    @Operation(summary = "Values of one label seen in the range (default the last hour)")
    public Uni<Values> values(@RestPath String name, @RestQuery String since, @RestQuery String start, @RestQuery String end) {
        try {
            Names.requireLabelName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("name", e.getMessage());
        }
        TimeRange range = time.range(start, end, since);
        Caller caller = policy.caller();
        Uni<List<String>> values = caller.scoped()
                ? fromSeries(caller, range, series -> {
                    TreeSet<String> found = new TreeSet<>();
                    series.forEach(s -> {
                        if (s.has(name)) {
                            found.add(s.path(name).asText());
                        }
                    });
                    return List.copyOf(found);
                })
                : loki.labelValues(name, range.start(), range.end()).map(LabelsResource::strings);
        return values.map(v -> new Values(name, range.start().toString(), range.end().toString(), v));
    }

    private Uni<List<String>> fromSeries(Caller caller, TimeRange range, Function<JsonNode, List<String>> collect) {
        return loki.series(LogqlPrinter.print(new Selector(caller.forced())), range.start(), range.end()).map(collect);
    }

    private static List<String> strings(JsonNode data) {
        TreeSet<String> out = new TreeSet<>();
        data.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
