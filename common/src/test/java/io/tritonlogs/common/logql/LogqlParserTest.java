package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.BinOp;
import io.tritonlogs.common.logql.ast.ComparisonOp;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.LabelFilter;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.RangeOp;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Stage;
import io.tritonlogs.common.logql.ast.Unwrap;
import io.tritonlogs.common.logql.ast.VectorMatching;
import io.tritonlogs.common.logql.ast.VectorOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shape of what is parsed: precedence, associativity, label filter grouping, values and errors. */
class LogqlParserTest {

    private static Expr parse(String query) {
        return LogqlParser.parseOrThrow(query);
    }

    private static String canonical(String query) {
        return LogqlPrinter.print(parse(query));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "1 + 2 * 3 => 1 + 2 * 3",
            "(1 + 2) * 3 => (1 + 2) * 3",
            "2 ^ 3 ^ 2 => 2 ^ 3 ^ 2",
            "(2 ^ 3) ^ 2 => (2 ^ 3) ^ 2",
            "1 - (2 - 3) => 1 - (2 - 3)",
            "((1 - 2) - 3) => 1 - 2 - 3",
            "vector(1) or vector(2) and vector(3) => vector(1) or vector(2) and vector(3)",
            "(vector(1) or vector(2)) and vector(3) => (vector(1) or vector(2)) and vector(3)",
            "vector(1) > 1 + 2 => vector(1) > 1 + 2",
    })
    void precedenceSurvivesPrinting(String query, String printed) {
        assertThat(canonical(query)).isEqualTo(printed);
    }

    @Test
    void binaryOperatorsFollowLokisPrecedence() {
        SampleExpr.BinaryOp sum = (SampleExpr.BinaryOp) parse("1 + 2 * 3 ^ 2 ^ 1");
        assertThat(sum.op()).isEqualTo(BinOp.ADD);
        SampleExpr.BinaryOp product = (SampleExpr.BinaryOp) sum.right();
        assertThat(product.op()).isEqualTo(BinOp.MUL);
        SampleExpr.BinaryOp power = (SampleExpr.BinaryOp) product.right();
        assertThat(power.op()).isEqualTo(BinOp.POW);
        assertThat(power.right()).isInstanceOf(SampleExpr.BinaryOp.class);

        SampleExpr.BinaryOp or = (SampleExpr.BinaryOp) parse("vector(1) unless vector(2) or vector(3) == bool 4");
        assertThat(or.op()).isEqualTo(BinOp.OR);
        assertThat(((SampleExpr.BinaryOp) or.left()).op()).isEqualTo(BinOp.UNLESS);
        assertThat(((SampleExpr.BinaryOp) or.right()).returnBool()).isTrue();
    }

    @Test
    void commaAndJuxtapositionTakeEverythingToTheirRightLikeLokisGrammar() {
        LabelFilter comma = filter("{a=\"b\"} | x=\"1\", y=\"2\" or z=\"3\"");
        assertThat(comma).isEqualTo(LabelFilter.and(text("x", "1"), LabelFilter.or(text("y", "2"), text("z", "3"))));
        LabelFilter and = filter("{a=\"b\"} | x=\"1\" and y=\"2\" or z=\"3\"");
        assertThat(and).isEqualTo(LabelFilter.or(LabelFilter.and(text("x", "1"), text("y", "2")), text("z", "3")));
        assertThat(canonical("{a=\"b\"} | x=\"1\", y=\"2\" or z=\"3\"")).isEqualTo("{a=\"b\"} | x=\"1\" and (y=\"2\" or z=\"3\")");
        assertThat(canonical("{a=\"b\"} | x=\"1\" y=\"2\" z=\"3\"")).isEqualTo("{a=\"b\"} | x=\"1\" and y=\"2\" and z=\"3\"");
    }

    private static LabelFilter filter(String query) {
        return ((Stage.LabelFilterStage) ((LogExpr) parse(query)).stages().get(0)).filter();
    }

    private static LabelFilter text(String name, String value) {
        return new LabelFilter.Text(Matcher.eq(name, value));
    }

    @Test
    void keepsValuesAsWrittenAndParsed() {
        SampleExpr.RangeAggregation q = (SampleExpr.RangeAggregation) parse(
                "quantile_over_time(0.99, {container=`tri\\ton`} | latency > 1.5s | size >= 10KiB | code == -1 "
                        + "| unwrap duration(latency) | __error__=\"\" [1h30m] offset 5m) by (model_name)");
        assertThat(q.op()).isEqualTo(RangeOp.QUANTILE_OVER_TIME);
        assertThat(q.parameter().value()).isEqualTo(0.99);
        assertThat(q.range().range().text()).isEqualTo("1h30m");
        assertThat(q.range().range().value()).isEqualTo(Duration.ofMinutes(90));
        assertThat(q.range().offset().value()).isEqualTo(Duration.ofMinutes(5));
        assertThat(q.range().unwrap()).isEqualTo(new Unwrap("latency", Unwrap.Conversion.DURATION,
                java.util.List.of(new LabelFilter.Text(Matcher.eq("__error__", "")))));
        assertThat(q.range().log().selector().matchers()).containsExactly(new Matcher("container", MatchOp.EQ, "tri\\ton"));
        assertThat(q.range().log().stages()).extracting(s -> ((Stage.LabelFilterStage) s).filter()).startsWith(
                new LabelFilter.Duration("latency", ComparisonOp.GT, new io.tritonlogs.common.logql.ast.DurationValue("1.5s", Duration.ofMillis(1500))),
                new LabelFilter.Bytes("size", ComparisonOp.GTE, new io.tritonlogs.common.logql.ast.BytesValue("10KiB", 10_240)),
                new LabelFilter.Number("code", ComparisonOp.EQ, new io.tritonlogs.common.logql.ast.NumberValue("-1", -1)));
    }

    @Test
    void rangeMayStandAfterTheSelectorOrTheWholePipeline() {
        assertThat(parse("count_over_time({a=\"b\"}[5m] |= \"x\" | json)"))
                .isEqualTo(parse("count_over_time({a=\"b\"} |= \"x\" | json [5m])"))
                .isEqualTo(parse("count_over_time(({a=\"b\"} |= \"x\" | json)[5m])"));
    }

    @Test
    void groupingBeforeOrAfterMeansTheSame() {
        assertThat(parse("sum(rate({a=\"b\"}[5m])) by (level)")).isEqualTo(parse("sum by (level) (rate({a=\"b\"}[5m]))"));
        SampleExpr.VectorAggregation topk = (SampleExpr.VectorAggregation) parse("topk by (level) (3, rate({a=\"b\"}[5m]))");
        assertThat(topk.op()).isEqualTo(VectorOp.TOPK);
        assertThat(topk.parameter().text()).isEqualTo("3");
        assertThat(canonical("topk(3, rate({a=\"b\"}[5m])) by (level)")).isEqualTo("topk by (level) (3, rate({a=\"b\"} [5m]))");
    }

    @Test
    void vectorMatchingIsKept() {
        SampleExpr.BinaryOp b = (SampleExpr.BinaryOp) parse("vector(1) * on (a, b) group_left (c) vector(2)");
        assertThat(b.matching()).isEqualTo(new VectorMatching(true, java.util.List.of("a", "b"), VectorMatching.Cardinality.MANY_TO_ONE,
                java.util.List.of("c")));
        assertThat(parse("vector(1) * ignoring (a) group_right () vector(2)"))
                .isEqualTo(parse("vector(1) * ignoring(a) group_right vector(2)"));
    }

    @Test
    void bytesThatAreNotUtf8ArePrintedBackAsTheyWereEscaped() {
        assertThat(canonical("{container=\"a\\xffb\\xc3\"} |= \"\\xe2\\x82\\xac\\xe2\"")).isEqualTo("{container=\"a\\xffb\\xc3\"} |= \"€\\xe2\"");
    }

    @Test
    void printsTheGuideQueriesCanonically() {
        assertThat(canonical("sum by(level)(count_over_time({container=\"triton\",level=~`ERROR|FATAL`}|=\"x\"|json[5m]))"))
                .isEqualTo("sum by (level) (count_over_time({container=\"triton\", level=~\"ERROR|FATAL\"} |= \"x\" | json [5m]))");
        assertThat(canonical("{container=\"triton\"} | logfmt | status = 500 | size > 1KB"))
                .isEqualTo("{container=\"triton\"} | logfmt | status == 500 | size > 1KB");
        assertThat(canonical("{container=\"triton\"} |~ `\\d+\"`")).isEqualTo("{container=\"triton\"} |~ \"\\\\d+\\\"\"");
    }

    @Test
    void errorsSayWhatWasExpectedWhere() {
        ParseError error = ((ParseResult.Failed) LogqlParser.parse("{container=\"triton\",\n level==\"ERROR\"}")).error();
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(7);
        assertThat(error.offset()).isEqualTo(27);
        assertThat(error.expected()).isEqualTo("a label matcher operator (=, !=, =~, !~)");
        assertThat(error.found()).isEqualTo("\"==\"");
        assertThat(error.message()).isEqualTo("line 2, column 7: expected a label matcher operator (=, !=, =~, !~) but found \"==\"");
        assertThat(error.reason()).startsWith("expected a label matcher operator");

        ParseError wide = ((ParseResult.Failed) LogqlParser.parse("{container=\"模型\"} |= 模")).error();
        assertThat(wide.column()).isEqualTo(21);

        assertThatThrownBy(() -> LogqlParser.parseOrThrow("{}")).isInstanceOf(LogqlParseException.class)
                .satisfies(e -> assertThat(((LogqlParseException) e).error().column()).isEqualTo(1));
    }

    @Test
    void numberLabelFiltersNormaliseEquality() {
        LabelFilter f = filter("{a=\"b\"} | x = 3");
        assertThat(f).isEqualTo(new LabelFilter.Number("x", ComparisonOp.EQ, new io.tritonlogs.common.logql.ast.NumberValue("3", 3)));
        assertThat(f).isEqualTo(filter("{a=\"b\"} | x == 3"));
    }
}
