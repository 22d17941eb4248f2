package io.tritonlogs.query.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.Durations;
import io.tritonlogs.common.logql.LogqlBuilder;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.triton.Level;
import io.tritonlogs.query.search.QueryRunner;
import io.tritonlogs.query.search.SearchFilters;
import io.tritonlogs.query.search.StructuredQueries;
import io.tritonlogs.query.time.TimeRange;
import io.tritonlogs.support.loki.VectorSample;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dashboard's numbers: counts by level and by model over a window, and the rate by level over time. */
@ApplicationScoped
public class Stats {

    /** Counts by level; every level of the label contract is present, 0 when none were seen. */
    public record LevelCounts(String query, String window, String time, Map<String, Long> counts) {
    }

    /** Per-model counts, most errors first. */
    public record ModelStats(String query, String window, String time, List<ModelCounts> models) {
    }

    public record Point(String time, Double value) {
    }

    public record Series(String level, List<Point> points) {
    }

    public record RateSeries(String query, String start, String end, String step, String window, List<Series> series) {
    }

    private static final Matcher HAS_MODEL = new Matcher("model_name", MatchOp.NEQ, "");
    private static final Matcher ERRORS_AND_WARNINGS = Matcher.regex("level", "ERROR|FATAL|WARNING");

    private final StructuredQueries queries;
    private final QueryRunner runner;

    Stats(StructuredQueries queries, QueryRunner runner) {
        this.queries = queries;
        this.runner = runner;
    }

    /** {@code sum by (level) (count_over_time({…}[window]))} at {@code time}. */
    public Uni<LevelCounts> levels(SearchFilters filters, Duration window, Instant time) {
        LogExpr logs = queries.selectorOnly(filters, List.of());
        var expr = LogqlBuilder.sumBy(LogqlBuilder.countOverTime(logs, window), "level");
        return runner.instant(expr, time, null, null).map(ran -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Level level : Level.values()) {
                counts.put(level.name(), 0L);
            }
            for (VectorSample sample : Samples.vector("Loki", ran.data())) {
                counts.merge(sample.labels().getOrDefault("level", "UNKNOWN"), Samples.count(sample.value()), Long::sum);
            }
            return new LevelCounts(ran.query(), Durations.format(window), time.toString(), counts);
        });
    }

    /** Errors and warnings per model: {@code sum by (model_name, level) (count_over_time({…, level=~"ERROR|FATAL|WARNING", model_name!=""}[window]))}. */
    public Uni<ModelStats> models(SearchFilters filters, Duration window, Instant time) {
        return perModel(filters, List.of(ERRORS_AND_WARNINGS, HAS_MODEL), window, time).map(ms -> {
            List<ModelCounts> sorted = new ArrayList<>(ms.models());
            sorted.sort(Comparator.comparingLong(ModelCounts::errors).reversed()
                    .thenComparing(Comparator.comparingLong(ModelCounts::warnings).reversed())
                    .thenComparing(ModelCounts::model));
            return new ModelStats(ms.query(), ms.window(), ms.time(), sorted);
        });
    }

    /** Every model with entries in the window, with its entry, error and warning counts, by name. */
    public Uni<ModelStats> modelsSeen(SearchFilters filters, Duration window, Instant time) {
        return perModel(filters, List.of(HAS_MODEL), window, time);
    }

    private Uni<ModelStats> perModel(SearchFilters filters, List<Matcher> extra, Duration window, Instant time) {
        LogExpr logs = queries.selectorOnly(filters, extra);
        var expr = LogqlBuilder.sumBy(LogqlBuilder.countOverTime(logs, window), "model_name", "level");
        return runner.instant(expr, time, null, null).map(ran -> {
            Map<String, ModelCounts> byModel = new TreeMap<>();
            for (VectorSample sample : Samples.vector("Loki", ran.data())) {
                String model = sample.labels().getOrDefault("model_name", "");
                if (!model.isEmpty()) {
                    byModel.computeIfAbsent(model, m -> new ModelCounts(m, 0, 0, 0));
                    byModel.put(model, byModel.get(model).plus(sample.labels().getOrDefault("level", ""), Samples.count(sample.value())));
                }
            }
            return new ModelStats(ran.query(), Durations.format(window), time.toString(), List.copyOf(byModel.values()));
        });
    }

    /** {@code sum by (level) (rate({…}[window]))} from start to end every step. */
    public Uni<RateSeries> rate(SearchFilters filters, TimeRange range, Duration step, Duration window) {
        LogExpr logs = queries.logs(filters);
        var expr = LogqlBuilder.sumBy(LogqlBuilder.rate(logs, window), "level");
        return runner.range(expr, range, step.toMillis() / 1000.0, null, null).map(ran -> {
            List<Series> series = new ArrayList<>();
            for (JsonNode s : ran.data().path("result")) {
                List<Point> points = new ArrayList<>();
                for (JsonNode v : s.path("values")) {
                    points.add(new Point(Samples.time(v.path(0)).toString(), Samples.value(v.path(1).asText())));
                }
                series.add(new Series(s.path("metric").path("level").asText("UNKNOWN"), points));
            }
            series.sort(Comparator.comparing(Series::level));
            return new RateSeries(ran.query(), range.start().toString(), range.end().toString(), Durations.format(step),
                    Durations.format(window), series);
        });
    }
}
