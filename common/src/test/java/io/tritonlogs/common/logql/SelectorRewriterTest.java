package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectorRewriterTest {

    private static final List<Matcher> TEAM_A = List.of(Matcher.eq("namespace", "team-a"));

    private static String enforce(String query) {
        return LogqlPrinter.print(SelectorRewriter.enforce(LogqlParser.parseOrThrow(query), TEAM_A));
    }

    @Test
    void addsThePolicyToALogQuery() {
        assertThat(enforce("{container=\"triton\"} |= \"x\" | json | namespace=\"team-b\""))
                .isEqualTo("{namespace=\"team-a\", container=\"triton\"} |= \"x\" | json | namespace=\"team-b\"");
    }

    @Test
    void replacesTheUsersMatcherOnThePolicyLabel() {
        assertThat(enforce("{namespace=\"team-b\", container=\"triton\"}")).isEqualTo("{namespace=\"team-a\", container=\"triton\"}");
        assertThat(enforce("{namespace=~\"team-.*\", namespace!=\"team-c\", pod=\"p\"}")).isEqualTo("{namespace=\"team-a\", pod=\"p\"}");
        assertThat(SelectorRewriter.conflicts(LogqlParser.parseOrThrow("{namespace=\"team-b\", pod=\"p\"}"), TEAM_A))
                .containsExactly(Matcher.eq("namespace", "team-b"));
    }

    @Test
    void reachesEverySelectorOfNestedMetricQueries() {
        String query = "label_replace(topk(5, sum by (model_name) (rate({container=\"triton\"}[5m])) / on (model_name) "
                + "sum by (model_name) (count_over_time(({service=\"triton\", namespace=\"x\"} | logfmt)[5m] offset 1h))), "
                + "\"a\", \"$1\", \"b\", \"(.*)\") > 0 or vector(1) + quantile_over_time(0.9, {pod=\"p\"} | logfmt | unwrap latency [5m]) by (pod)";
        Expr rewritten = SelectorRewriter.enforce(LogqlParser.parseOrThrow(query), TEAM_A);
        List<Selector> selectors = SelectorRewriter.selectors(rewritten);
        assertThat(selectors).hasSize(3).allSatisfy(s -> {
            assertThat(s.matchers()).contains(Matcher.eq("namespace", "team-a"));
            assertThat(s.matchers().stream().filter(m -> m.name().equals("namespace"))).hasSize(1);
        });
        assertThat(LogqlParser.parseOrThrow(LogqlPrinter.print(rewritten))).isEqualTo(rewritten);
    }

    static Stream<String> corpusAccepted() {
        return Corpus.load().stream().filter(Corpus::accept).map(Corpus::query);
    }

    @ParameterizedTest
    @MethodSource("corpusAccepted")
    void everyCorpusQueryIsConfinedAndStillValid(String query) {
        Expr rewritten = SelectorRewriter.enforce(LogqlParser.parseOrThrow(query), TEAM_A);
        for (Selector s : SelectorRewriter.selectors(rewritten)) {
            assertThat(s.matchers()).filteredOn(m -> m.name().equals("namespace")).containsExactly(Matcher.eq("namespace", "team-a"));
        }
        assertThat(LogqlParser.parse(LogqlPrinter.print(rewritten)).ok()).isTrue();
    }

    @Test
    void addModeKeepsWhatTheUserWrote() {
        List<Matcher> defaults = List.of(Matcher.eq("namespace", "default"), new Matcher("container", MatchOp.EQ, "triton"));
        Expr rewritten = SelectorRewriter.addMissing(LogqlParser.parseOrThrow(
                "sum(rate({namespace=\"ml\"}[5m])) + sum(rate({pod=\"p\"}[5m]))"), defaults);
        assertThat(LogqlPrinter.print(rewritten)).isEqualTo("sum(rate({namespace=\"ml\", container=\"triton\"} [5m])) + "
                + "sum(rate({pod=\"p\", namespace=\"default\", container=\"triton\"} [5m]))");
    }

    @Test
    void refusesAnEmptyPolicy() {
        Expr expr = LogqlParser.parseOrThrow("{container=\"triton\"}");
        assertThatThrownBy(() -> SelectorRewriter.enforce(expr, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
