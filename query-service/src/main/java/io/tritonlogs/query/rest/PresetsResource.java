package io.tritonlogs.query.rest;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.SelectorRewriter;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.query.auth.ScopePolicy;
import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.query.presets.Preset;
import io.tritonlogs.query.presets.PresetCatalog;
import io.tritonlogs.query.search.LogSearch;
import io.tritonlogs.query.search.Paging;
import io.tritonlogs.query.search.SearchAnswer;
import io.tritonlogs.query.search.StructuredQueries;
import io.tritonlogs.query.time.TimeParser;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

/** The guide's use cases as named queries, from configuration. */
@Path("/api/v1/presets")
@Produces(MediaType.APPLICATION_JSON)
public class PresetsResource {

    /** The list answer. */
    public record PresetList(List<Preset> presets) {
    }

    private final PresetCatalog catalog;
    private final StructuredQueries queries;
    private final ScopePolicy policy;
    private final LogSearch search;
    private final TimeParser time;
    private final Paging paging;

    PresetsResource(PresetCatalog catalog, StructuredQueries queries, ScopePolicy policy, LogSearch search, TimeParser time, Paging paging) {
        this.catalog = catalog;
        this.queries = queries;
        this.policy = policy;
        this.search = search;
        this.time = time;
        this.paging = paging;
    }

    @GET
    @Operation(summary = "The presets: name, description and LogQL")
    public PresetList list() {
        return new PresetList(catalog.all());
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Run a preset over a time range; container, service, namespace, pod and model narrow it")
    public Uni<SearchAnswer> run(@RestPath String name, @BeanParam SearchParams params) {
        Preset preset = catalog.get(name);
        if (params.level != null && !params.level.isEmpty()) {
            throw new InvalidParameterException("level", "a preset fixes its own levels; use /api/v1/logs to choose levels");
        }
        if (params.contains != null && !params.contains.isEmpty() || params.excludes != null && !params.excludes.isEmpty() || params.regex != null) {
            throw new InvalidParameterException("contains", "a preset fixes its own text filters; use /api/v1/logs for text search");
        }
        List<Matcher> requested = queries.requested(params.filters());
        policy.checkRequested(requested);
        LogExpr expr = requested.isEmpty() ? preset.expr() : SelectorRewriter.enforce(preset.expr(), requested);
        int limit = paging.limit(params.limit);
        String direction = paging.direction(params.direction, preset.direction());
        return search.run(expr, name, time.range(params.start, params.end, params.since), limit, direction);
    }
}
