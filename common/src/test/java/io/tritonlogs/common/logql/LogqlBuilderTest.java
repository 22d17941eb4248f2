package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.BinOp;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request parameters, however hostile, end up as values: the query keeps its shape. */
class LogqlBuilderTest {

    /** Large enough for the 10 kB values; Loki's own 5120-byte limit is checked separately below. */
    private static final ParseLimits ROOMY = new ParseLimits(100, 1 << 20);

    static Stream<String> hostileValues() {
        return Stream.of("\"", "\\", "}", "{", "|=", "\"} |= \"x", "a\"} or {b=\"c", "\n", "line1\nline2\r\n", "\t",
                "`raw`", "#comment", "é✓模型", "\uD83D\uDE00", "\u0000\u0007\u001b[31m", "\u2028\u202e", ") or vector(1) or (",
                ".*", "(?i)x", "[a-z]+", "\\\"\\\\", "$1 ^x$ {2,3} a|b", "x".repeat(10_000), "\"".repeat(5_000),
                "\\".repeat(4_000) + "}\n|= ");
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void hostileValuesStayValues(String value) {
        LogExpr built = LogqlBuilder.logs()
                .label("container", "triton")
                .label("model_name", value)
                .labelIn("level", List.of("ERROR", value))
                .contains(value)
                .notContains(value)
                .containsIgnoreCase(value)
                .json()
                .where("message", value)
                .build();
        String query = LogqlPrinter.print(built);

        Expr parsed = LogqlParser.parseOrThrow(query, ROOMY);

        assertThat(parsed).isEqualTo(built);
        LogExpr log = (LogExpr) parsed;
        assertThat(SelectorRewriter.selectors(parsed)).hasSize(1);
        assertThat(log.selector().matchers()).hasSize(3);
        assertThat(log.selector().matchers().get(1).value()).isEqualTo(value);
        assertThat(log.stages()).hasSize(5);
        assertThat(log.stages().stream().filter(Stage.LineFilter.class::isInstance)).hasSize(3);
        assertThat(((Stage.LineFilter) log.stages().get(0)).alternatives().get(0).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void literalsInsideRegexesMatchOnlyThemselves(String value) {
        LogExpr built = LogqlBuilder.logs().labelIn("level", List.of("ERROR", value)).containsIgnoreCase(value).build();
        LogExpr parsed = (LogExpr) LogqlParser.parseOrThrow(LogqlPrinter.print(built), ROOMY);
        String alternation = parsed.selector().matchers().get(0).value();
        assertThat(parsed.selector().matchers().get(0).op()).isEqualTo(MatchOp.RE);
        Pattern javaPattern = Pattern.compile(alternation);
        assertThat(javaPattern.matcher(value).matches()).isTrue();
        assertThat(javaPattern.matcher("ERROR").matches()).isTrue();
        assertThat(javaPattern.matcher(value + "x").matches()).isFalse();
        String ignoreCase = ((Stage.LineFilter) parsed.stages().get(0)).alternatives().get(0).value();
        assertThat(Pattern.compile(ignoreCase).matcher("prefix " + value + " suffix").find()).isTrue();
    }

    @Test
    void metricQueriesKeepTheirShape() {
        String hostile = "\"}[5m])) or vector(1) #";
        LogExpr logs = LogqlBuilder.logs().label("service", "triton").labelIn("level", List.of("ERROR", "FATAL")).contains(hostile).build();
        SampleExpr query = LogqlBuilder.compare(
                LogqlBuilder.topk(5, LogqlBuilder.sumBy(LogqlBuilder.rate(logs, Duration.ofMinutes(5)), "model_name")), BinOp.GT, 0.5);

        String printed = LogqlPrinter.print(query);

        assertThat(printed).isEqualTo("topk(5, sum by (model_name) (rate({service=\"triton\", level=~\"ERROR|FATAL\"} "
                + "|= \"\\\"}[5m])) or vector(1) #\" [5m]))) > 0.5");
        assertThat(LogqlParser.parseOrThrow(printed)).isEqualTo(query);
    }

    @Test
    void windowsArePrintedInPrometheusSyntax() {
        LogExpr logs = LogqlBuilder.logs().label("container", "triton").build();
        assertThat(LogqlPrinter.print(LogqlBuilder.countOverTime(logs, Duration.ofMinutes(90))))
                .isEqualTo("count_over_time({container=\"triton\"} [1h30m])");
        assertThat(LogqlPrinter.print(LogqlBuilder.bytesRate(logs, Duration.ofMillis(1500)))).endsWith("[1s500ms])");
        assertThat(LogqlPrinter.print(LogqlBuilder.rate(logs, Duration.ofDays(2)))).endsWith("[2d])");
    }

    @Test
    void queriesOverLokisSizeLimitAreReportedNotTruncated() {
        LogExpr built = LogqlBuilder.logs().label("container", "triton").contains("x".repeat(10_000)).build();
        ParseResult result = LogqlParser.parse(LogqlPrinter.print(built));
        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        assertThat(((ParseResult.Failed) result).error().message()).contains("Loki accepts at most 5119 bytes");
    }

    @Test
    void badNamesAndRegexesAreRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> LogqlBuilder.logs().label("bad name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid label name 'bad name'");
        assertThatThrownBy(() -> LogqlBuilder.logs().label("json", "x")).hasMessageContaining("LogQL keyword");
        assertThatThrownBy(() -> LogqlBuilder.logs().label("a}", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogqlBuilder.logs().matches("(unclosed")).hasMessageContaining("invalid regular expression for regex");
        assertThatThrownBy(() -> LogqlBuilder.logs().labelMatches("level", "(?=x)")).hasMessageContaining("level");
        assertThatThrownBy(() -> LogqlBuilder.logs().contains(null)).hasMessageContaining("text is required");
        assertThatThrownBy(() -> LogqlBuilder.logs().labelNot("level", "INFO").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LogqlBuilder.topk(0, new SampleExpr.Vector(io.tritonlogs.common.logql.ast.NumberValue.of(1))))
                .hasMessageContaining("positive");
    }

    @Test
    void userRegexesAreKeptVerbatim() {
        LogExpr built = LogqlBuilder.logs().label("container", "triton").labelMatches("model_name", "resnet.*|bert-\\d+")
                .matches("(?i)out of memory").notMatches("health(z)?").build();
        assertThat(LogqlPrinter.print(built)).isEqualTo(
                "{container=\"triton\", model_name=~\"resnet.*|bert-\\\\d+\"} |~ \"(?i)out of memory\" !~ \"health(z)?\"");
    }
}
