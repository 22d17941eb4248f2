package io.tritonlogs.common.logql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogqlLinterTest {

    private final LogqlLinter linter = new LogqlLinter(new LintConfig(Duration.ofHours(1)));

    private List<String> codes(String query) {
        return linter.lint(LogqlParser.parseOrThrow(query)).stream().map(LintWarning::code).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
            "{container=\"triton\"} |~ \".*\" => catch-all-line-regex",
            "{container=\"triton\"} |~ \"(?s)^(.*)$\" => catch-all-line-regex",
            "{container=\"triton\"} |~ `.+` => catch-all-line-regex",
            "{container=\"triton\"} |= \"\" => empty-line-filter",
            "{container=~\".+\"} => catch-all-selector",
            "{container=~\".+\", level!=\"INFO\"} => catch-all-selector",
            "sum(rate({container=~\"^.+$\"}[5m])) => catch-all-selector",
            "count_over_time({container=\"triton\"}[2h]) => range-too-large",
            "sum(rate({container=\"triton\"}[1d])) / 2 => range-too-large",
            "{container=\"triton\"} | json |= \"x\" => line-filter-after-parser",
    })
    void warns(String query, String code) {
        assertThat(codes(query.trim())).contains(code.trim());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
            "{container=\"triton\"} |~ \"E[0-9]{4}\"",
            "{container=~\"triton-.+\"}",
            "{container=~\".+\", level=\"ERROR\"}",
            "count_over_time({container=\"triton\"}[1h])",
            "{container=\"triton\"} |= \"x\" | json | level=\"ERROR\"",
            "topk(5, sum by (model_name) (rate({service=\"triton\", level=~\"ERROR|FATAL\"}[5m])))",
    })
    void staysQuietOnGoodQueries(String query) {
        assertThat(codes(query.trim())).isEmpty();
    }

    @Test
    void warningsNameTheirSubject() {
        LintWarning warning = linter.lint(LogqlParser.parseOrThrow("count_over_time({container=\"triton\"}[1d])")).get(0);
        assertThat(warning.subject()).isEqualTo("[1d]");
        assertThat(warning.message()).contains("longer than the allowed 1h");
    }
}
