package io.tritonlogs.common.logql;

import com.google.re2j.Pattern;
import io.tritonlogs.common.logql.ast.BinOp;
import io.tritonlogs.common.logql.ast.DurationValue;
import io.tritonlogs.common.logql.ast.Grouping;
import io.tritonlogs.common.logql.ast.LabelFilter;
import io.tritonlogs.common.logql.ast.LineFilterOp;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.LogRange;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.NumberValue;
import io.tritonlogs.common.logql.ast.RangeOp;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.common.logql.ast.Stage;
import io.tritonlogs.common.logql.ast.VectorOp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Builds the queries the services construct from request parameters. Values never become query
 * text directly: they go into AST nodes, and {@link LogqlPrinter} quotes and escapes them, so no
 * parameter can change the shape of a query. Where a literal is meant inside a regex ({@link
 * LogQuery#labelIn}, {@link LogQuery#containsIgnoreCase}) it is escaped with {@link Pattern#quote} (as Go's
 * regexp.QuoteMeta does); where the caller means a regex ({@link LogQuery#matches}) it is compiled as Loki
 * would ({@link LokiRegex}) first.
 * Invalid names or regexes throw {@link IllegalArgumentException} naming the parameter.
 *
 * <pre>{@code
 * LogExpr logs = LogqlBuilder.logs().label("container", "triton").labelIn("level", List.of("ERROR", "FATAL"))
 *         .contains(request.contains()).build();
 * SampleExpr top = LogqlBuilder.topk(5, LogqlBuilder.sumBy(LogqlBuilder.rate(logs, Duration.ofMinutes(5)), "model_name"));
 * String query = LogqlPrinter.print(top);
 * }</pre>
 */
public final class LogqlBuilder {

    private LogqlBuilder() {
    }

    public static LogQuery logs() {
        return new LogQuery();
    }

    /** A log query under construction; not thread-safe. */
    public static final class LogQuery {
        private final List<Matcher> matchers = new ArrayList<>();
        private final List<Stage> stages = new ArrayList<>();

        private LogQuery() {
        }

        /** {@code name="value"}. */
        public LogQuery label(String name, String value) {
            return matcher(name, MatchOp.EQ, value);
        }

        /** {@code name!="value"}. */
        public LogQuery labelNot(String name, String value) {
            return matcher(name, MatchOp.NEQ, value);
        }

        /** {@code name="v"} for one value, else {@code name=~"v1|v2"} with each value matched literally. */
        public LogQuery labelIn(String name, Collection<String> values) {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(requireValues(name, values)));
            if (distinct.size() == 1) {
                return label(name, distinct.get(0));
            }
            return matcher(name, MatchOp.RE, alternation(distinct));
        }

        /** {@code name=~"regex"}; the regex is the caller's and must be valid RE2. */
        public LogQuery labelMatches(String name, String regex) {
            return matcher(name, MatchOp.RE, checkedRegex(name, regex));
        }

        /** {@code |= "text"}: lines containing {@code text}. */
        public LogQuery contains(String text) {
            return lineFilter(LineFilterOp.CONTAINS, require("text", text));
        }

        /** {@code != "text"}. */
        public LogQuery notContains(String text) {
            return lineFilter(LineFilterOp.NOT_CONTAINS, require("text", text));
        }

        /** {@code |~ "(?i)<text escaped>"}: lines containing {@code text} in any letter case. */
        public LogQuery containsIgnoreCase(String text) {
            return lineFilter(LineFilterOp.MATCHES, "(?i)" + Pattern.quote(require("text", text)));
        }

        /** {@code |~ "regex"}; the regex is the caller's and must be valid RE2. */
        public LogQuery matches(String regex) {
            return lineFilter(LineFilterOp.MATCHES, checkedRegex("regex", regex));
        }

        /** {@code !~ "regex"}. */
        public LogQuery notMatches(String regex) {
            return lineFilter(LineFilterOp.NOT_MATCHES, checkedRegex("regex", regex));
        }

        public LogQuery json() {
            stages.add(new Stage.Json(List.of()));
            return this;
        }

        public LogQuery logfmt() {
            stages.add(new Stage.Logfmt(false, false, List.of()));
            return this;
        }

        /** {@code | name="value"}: a label filter, usually after {@link #json()} or {@link #logfmt()}. */
        public LogQuery where(String name, String value) {
            stages.add(new Stage.LabelFilterStage(new LabelFilter.Text(matcherOf(name, MatchOp.EQ, value))));
            return this;
        }

        /** {@code | name="v1" or name="v2"}. */
        public LogQuery whereIn(String name, Collection<String> values) {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(requireValues(name, values)));
            List<LabelFilter> alternatives = new ArrayList<>();
            for (String value : distinct) {
                alternatives.add(new LabelFilter.Text(matcherOf(name, MatchOp.EQ, value)));
            }
            stages.add(new Stage.LabelFilterStage(alternatives.size() == 1 ? alternatives.get(0) : new LabelFilter.Or(alternatives)));
            return this;
        }

        /**
         * The query. Like Loki, it insists on a matcher that requires a label value: a selector of only
         * {@code !=} or empty values would read every stream.
         */
        public LogExpr build() {
            boolean selective = matchers.stream().anyMatch(m -> (m.op() == MatchOp.EQ && !m.value().isEmpty())
                    || (m.op() == MatchOp.RE && Boolean.FALSE.equals(LokiRegex.matchesEmpty(m.value()))));
            if (!selective) {
                throw new IllegalStateException("a log query needs a label matcher with a non-empty value, e.g. container=\"triton\"");
            }
            return new LogExpr(new Selector(matchers), stages);
        }

        private LogQuery matcher(String name, MatchOp op, String value) {
            matchers.add(matcherOf(name, op, value));
            return this;
        }

        private LogQuery lineFilter(LineFilterOp op, String value) {
            stages.add(Stage.LineFilter.of(op, value));
            return this;
        }
    }

    public static SampleExpr.RangeAggregation countOverTime(LogExpr logs, Duration window) {
        return range(RangeOp.COUNT_OVER_TIME, logs, window);
    }

    public static SampleExpr.RangeAggregation rate(LogExpr logs, Duration window) {
        return range(RangeOp.RATE, logs, window);
    }

    public static SampleExpr.RangeAggregation bytesRate(LogExpr logs, Duration window) {
        return range(RangeOp.BYTES_RATE, logs, window);
    }

    public static SampleExpr.RangeAggregation bytesOverTime(LogExpr logs, Duration window) {
        return range(RangeOp.BYTES_OVER_TIME, logs, window);
    }

    public static SampleExpr.RangeAggregation absentOverTime(LogExpr logs, Duration window) {
        return range(RangeOp.ABSENT_OVER_TIME, logs, window);
    }

    /** A line-counting range aggregation ({@code rate}, {@code count_over_time}...) over {@code window}. */
    public static SampleExpr.RangeAggregation range(RangeOp op, LogExpr logs, Duration window) {
        if (op.unwrap() == RangeOp.Unwrap.REQUIRED) {
            throw new IllegalArgumentException(op.keyword() + " needs | unwrap, which this builder does not construct");
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
        return new SampleExpr.RangeAggregation(op, null, new LogRange(logs, new DurationValue(Durations.format(window), window), null, null), null);
    }

    /** {@code sum by (labels) (inner)}; no labels: {@code sum(inner)}. */
    public static SampleExpr.VectorAggregation sumBy(SampleExpr inner, String... labels) {
        return aggregate(VectorOp.SUM, inner, labels);
    }

    /** {@code op by (labels) (inner)} for the aggregations without a parameter. */
    public static SampleExpr.VectorAggregation aggregate(VectorOp op, SampleExpr inner, String... labels) {
        if (op.takesParameter()) {
            throw new IllegalArgumentException(op.keyword() + " needs a count: use topk/bottomk");
        }
        return new SampleExpr.VectorAggregation(op, null, inner, labels.length == 0 ? null : new Grouping(false, List.of(labels)));
    }

    public static SampleExpr.VectorAggregation topk(int k, SampleExpr inner) {
        return limited(VectorOp.TOPK, k, inner);
    }

    public static SampleExpr.VectorAggregation bottomk(int k, SampleExpr inner) {
        return limited(VectorOp.BOTTOMK, k, inner);
    }

    private static SampleExpr.VectorAggregation limited(VectorOp op, int k, SampleExpr inner) {
        if (k < 1) {
            throw new IllegalArgumentException(op.keyword() + " needs a positive count, not " + k);
        }
        return new SampleExpr.VectorAggregation(op, NumberValue.of(k), inner, null);
    }

    /** {@code left op value}, e.g. {@code sum(...) > 10}. */
    public static SampleExpr.BinaryOp compare(SampleExpr left, BinOp op, double value) {
        return SampleExpr.BinaryOp.of(op, left, new SampleExpr.Literal(NumberValue.of(value)));
    }

    /** {@code v1|v2|...} with each value escaped to match literally. */
    static String alternation(List<String> values) {
        StringBuilder regex = new StringBuilder();
        for (String value : values) {
            regex.append(regex.length() == 0 ? "" : "|").append(Pattern.quote(value));
        }
        return regex.toString();
    }

    private static Matcher matcherOf(String name, MatchOp op, String value) {
        return new Matcher(name, op, require(name, value));
    }

    private static String checkedRegex(String what, String regex) {
        require(what, regex);
        try {
            LokiRegex.compile(regex);
        } catch (LokiRegex.Fault e) {
            throw new IllegalArgumentException("invalid regular expression for " + what + ": " + e.getMessage()
                    + " at character " + (e.index() + 1), e);
        }
        return regex;
    }

    private static Collection<String> requireValues(String name, Collection<String> values) {
        if (values == null || values.isEmpty() || values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(name + " needs at least one value");
        }
        return values;
    }

    private static String require(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
