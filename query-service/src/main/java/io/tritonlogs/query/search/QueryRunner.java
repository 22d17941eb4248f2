package io.tritonlogs.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.LintConfig;
import io.tritonlogs.common.logql.LintWarning;
import io.tritonlogs.common.logql.LogqlLinter;
import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.query.auth.ScopePolicy;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.InvalidLogqlException;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.query.errors.RejectedQueryException;
import io.tritonlogs.query.loki.LokiClient;
import io.tritonlogs.query.metrics.QueryMetrics;
import io.tritonlogs.query.time.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * The one way a query reaches Loki: the caller's scope is enforced in every selector, the linter
 * refuses ranges over the limit, the canonical text is printed and sent. The answer carries the
 * LogQL that ran.
 */
@ApplicationScoped
public class QueryRunner {

    /** What ran and what Loki answered ({@code data}). */
    public record Ran(String query, JsonNode data) {
    }

    private final LokiClient loki;
    private final ScopePolicy policy;
    private final LogqlLinter linter;
    private final QueryMetrics metrics;

    QueryRunner(LokiClient loki, ScopePolicy policy, QueryConfig config, QueryMetrics metrics) {
        this.loki = loki;
        this.policy = policy;
        this.linter = new LogqlLinter(new LintConfig(config.limits().maxRange()));
        this.metrics = metrics;
    }

    /** Parses user LogQL; 400 with the position when it is not LogQL Loki would run. */
    public static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw new io.tritonlogs.query.errors.InvalidParameterException("query", "query is required");
        }
        ParseResult result = LogqlParser.parse(query);
        if (result instanceof ParseResult.Failed failed) {
            throw new InvalidLogqlException(failed.error());
        }
        return ((ParseResult.Parsed) result).expr();
    }

    /** The linter's warnings for {@code expr}. */
    public List<LintWarning> lint(Expr expr) {
        return linter.lint(expr);
    }

    /** {@code expr} as it would run for the current caller: scope enforced, ranges checked. */
    public String prepare(Expr expr) {
        Expr enforced = policy.enforce(expr);
        for (LintWarning w : linter.lint(enforced)) {
            if (LintWarning.RANGE_TOO_LARGE.equals(w.code())) {
                throw new RejectedQueryException(w.message());
            }
        }
        return LogqlPrinter.print(enforced);
    }

    /** What {@code expr} would run as for the current caller, without the range check. */
    public String prepareUnchecked(Expr expr) {
        return LogqlPrinter.print(policy.enforce(expr));
    }

    public Uni<Ran> range(Expr expr, TimeRange range, Double stepSeconds, Integer limit, String direction) {
        String query = prepare(expr);
        return timed("query_range", loki.queryRange(query, range.start(), range.end(), stepSeconds, limit, direction))
                .map(data -> new Ran(query, data));
    }

    public Uni<Ran> instant(Expr expr, Instant time, Integer limit, String direction) {
        String query = prepare(expr);
        return timed("query", loki.query(query, time, limit, direction)).map(data -> new Ran(query, data));
    }

    private Uni<JsonNode> timed(String endpoint, Uni<JsonNode> call) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics.registry());
            return call.onTermination().invoke((item, failure, cancelled) -> sample.stop(metrics.lokiRequest(endpoint,
                    failure == null ? "success"
                            : failure instanceof LokiException e ? e.kind().name().toLowerCase() : "error")));
        });
    }
}
