package io.tritonlogs.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.InvalidParameterException;
import io.tritonlogs.query.time.TimeParser;
import io.tritonlogs.query.time.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Raw LogQL from people who write it: parsed by common's parser (400 with the position), its
 * time, step, limit and direction checked, then run through {@link QueryRunner}, which forces the
 * caller's scope into every selector. Answers Loki's {@code data}.
 */
@ApplicationScoped
public class RawQueries {

    private final QueryRunner runner;
    private final TimeParser time;
    private final Paging paging;
    private final int maxPoints;

    RawQueries(QueryRunner runner, TimeParser time, Paging paging, QueryConfig config) {
        this.runner = runner;
        this.time = time;
        this.paging = paging;
        this.maxPoints = config.limits().maxPoints();
    }

    public Uni<JsonNode> instant(String query, String at, Integer limit, String direction) {
        Expr expr = QueryRunner.parse(query);
        int checkedLimit = paging.limit(limit);
        String checkedDirection = paging.direction(direction, "backward");
        return runner.instant(expr, time.instantOrNow("time", at), checkedLimit, checkedDirection).map(QueryRunner.Ran::data);
    }

    /** A metric query without a step gets about 250 points, as Grafana asks for. */
    public Uni<JsonNode> range(String query, String start, String end, String since, String step, Integer limit, String direction) {
        Expr expr = QueryRunner.parse(query);
        TimeRange range = time.range(start, end, since);
        Double stepSeconds = null;
        if (step != null && !step.isBlank()) {
            Duration d = time.step("step", step);
            if (range.length().toMillis() / Math.max(1, d.toMillis()) > maxPoints) {
                throw new InvalidParameterException("step", "step gives more than " + maxPoints + " points over the range; use a larger step");
            }
            stepSeconds = d.toMillis() / 1000.0;
        } else if (!(expr instanceof LogExpr)) {
            stepSeconds = (double) Math.max(1, (range.length().toSeconds() + 249) / 250);
        }
        int checkedLimit = paging.limit(limit);
        String checkedDirection = paging.direction(direction, "backward");
        return runner.range(expr, range, stepSeconds, checkedLimit, checkedDirection).map(QueryRunner.Ran::data);
    }
}
