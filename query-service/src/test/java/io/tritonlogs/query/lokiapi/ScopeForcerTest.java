package io.tritonlogs.query.lokiapi;

import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.query.auth.Caller;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeForcerTest {

    private static final Caller TEAM_A = new Caller("team-a", List.of(Matcher.eq("namespace", "a")));
    private final ScopeForcer forcer = new ScopeForcer(100);

    @Test
    void anUnscopedCallersParametersPassAsTheyCame() {
        List<Map.Entry<String, String>> params = List.of(Map.entry("query", "{namespace=\"b\"}   |= \"x\""), Map.entry("limit", "5"));
        assertThat(forcer.force(Scoping.LOGQL, params, Caller.ANONYMOUS)).isSameAs(params);
    }

    @Test
    void everySelectorOfAScopedQueryGetsTheForcedMatchers() {
        var out = forcer.force(Scoping.LOGQL, List.of(Map.entry("query", "sum(rate({namespace=\"b\"}[1m])) or sum(rate({x=\"y\"}[1m]))"),
                Map.entry("limit", "5")), TEAM_A);
        assertThat(out).containsExactly(Map.entry("query", "sum(rate({namespace=\"a\"} [1m])) or sum(rate({namespace=\"a\", x=\"y\"} [1m]))"),
                Map.entry("limit", "5"));
    }

    @Test
    void aMissingOptionalSelectorBecomesTheForcedOne() {
        assertThat(forcer.force(Scoping.OPTIONAL_SELECTOR, List.of(Map.entry("start", "1")), TEAM_A))
                .containsExactly(Map.entry("start", "1"), Map.entry("query", "{namespace=\"a\"}"));
        assertThat(forcer.force(Scoping.OPTIONAL_SELECTOR, List.of(Map.entry("query", " ")), TEAM_A))
                .containsExactly(Map.entry("query", "{namespace=\"a\"}"));
    }

    @Test
    void seriesMatchersUnderEitherNameAreEachForcedAndEmptyOnesNarrowed() {
        var out = forcer.force(Scoping.SERIES_MATCHERS, List.of(Map.entry("match", "{ }"), Map.entry("match[]", "{namespace=~\".+\"}"),
                Map.entry("match[]", "{pod=\"p\"}")), TEAM_A);
        assertThat(out).containsExactly(Map.entry("match[]", "{namespace=\"a\"}"), Map.entry("match[]", "{namespace=\"a\", pod=\"p\"}"));
        assertThat(forcer.force(Scoping.SERIES_MATCHERS, List.of(Map.entry("match", "{}")), TEAM_A))
                .containsExactly(Map.entry("match[]", "{namespace=\"a\"}"));
    }

    @Test
    void aScopedQueryMustBeGivenAndParse() {
        assertThatThrownBy(() -> forcer.force(Scoping.LOGQL, List.of(Map.entry("limit", "5")), TEAM_A))
                .isInstanceOf(LokiApiRefusal.class).hasMessage("query is required");
        assertThatThrownBy(() -> forcer.force(Scoping.LOGQL, List.of(Map.entry("query", "{namespace=\"b\"")), TEAM_A))
                .isInstanceOf(LokiApiRefusal.class).hasMessageStartingWith("parse error at line 1, col 15: ");
    }

    @Test
    void anOverLongQueryIsRefusedForEveryCaller() {
        String longQuery = "{namespace=\"" + "b".repeat(100) + "\"}";
        for (Caller caller : List.of(TEAM_A, Caller.ANONYMOUS)) {
            assertThatThrownBy(() -> forcer.force(Scoping.LOGQL, List.of(Map.entry("query", longQuery)), caller))
                    .isInstanceOf(LokiApiRefusal.class).hasMessageContaining("at most 100");
            assertThatThrownBy(() -> forcer.force(Scoping.SERIES_MATCHERS, List.of(Map.entry("match", longQuery)), caller))
                    .isInstanceOf(LokiApiRefusal.class);
        }
    }

    @Test
    void readingNoLogsIsLeftAlone() {
        var params = List.of(Map.entry("query", "{namespace=\"b\"}"));
        assertThat(forcer.force(Scoping.NONE, params, TEAM_A)).isSameAs(params);
    }
}
