package io.tritonlogs.query.search;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.query.time.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a log query over a range and shapes the entries. */
@ApplicationScoped
public class LogSearch {

    private final QueryRunner runner;
    private final EntryShaper shaper;

    LogSearch(QueryRunner runner, EntryShaper shaper) {
        this.runner = runner;
        this.shaper = shaper;
    }

    public Uni<SearchAnswer> run(LogExpr expr, String preset, TimeRange range, int limit, String direction) {
        return runner.range(expr, range, null, limit, direction).map(ran -> new SearchAnswer(ran.query(), preset,
                range.start().toString(), range.end().toString(), limit, direction, shaper.entries(ran.data(), direction, limit)));
    }
}
