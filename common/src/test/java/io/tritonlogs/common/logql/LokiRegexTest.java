package io.tritonlogs.common.logql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Where re2j 1.8 and Go's regexp (Loki's) part ways, Loki's verdict, as a Loki 3.4 gave it. */
class LokiRegexTest {

    @ParameterizedTest
    @ValueSource(strings = {"a{+", "{*", "x{?y", "(?P<n>x)(?P<n>y)", "(?<n>x)(?P<n>y)", "(a{30}){30}", "(a{500}){2,}",
            "((a{999}){0}){5}", "p(?s){2}", "\\Q\\é\\E", "\\x{41}{+"})
    void acceptsWhatGoAccepts(String regex) throws LokiRegex.Fault {
        assertThat(LokiRegex.compile(regex)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(a{100}){100}|8|invalid repeat count {100}",
            "(a{2,}){501}|7|invalid repeat count {501}",
            "\\h(a{100}){100}|0|invalid escape \\h",
            "x\\é|1|invalid escape \\é",
            "[a\\é]|2|invalid escape \\é",
            "\\C|0|invalid escape \\C",
            "abc)|3|unexpected )",
            "a)b)|1|unexpected )",
            "(a)(b|3|missing )",
            "x[ab(|1|missing ]",
            "a**|2|nested repetition",
            "[z-a]|2|invalid character class range",
            "(?<!x)y|0|lookbehind",
            "x{2}{600}|4|nested repetition",
    })
    void refusesWhatGoRefusesWhereItLies(String regex, int index, String message) {
        assertThatThrownBy(() -> LokiRegex.compile(regex)).isInstanceOfSatisfying(LokiRegex.Fault.class, f -> {
            assertThat(f.index()).as(f.getMessage()).isEqualTo(index);
            assertThat(f.getMessage()).contains(message);
        });
    }

    @Test
    void theRegexpStageRefusesARepeatedName() {
        assertThatThrownBy(() -> LokiRegex.compileWithUniqueNames("(?P<a>x)(?P<a>y)"))
                .isInstanceOfSatisfying(LokiRegex.Fault.class, f -> assertThat(f.index()).isEqualTo(8))
                .hasMessageContaining("duplicate capture group name 'a'");
    }

    @Test
    void nestingIsBoundedAsInGoAndNeverOverflowsTheStack() throws LokiRegex.Fault {
        assertThat(LokiRegex.compile("(".repeat(999) + "a" + ")".repeat(999))).isNotNull();
        assertThatThrownBy(() -> LokiRegex.compile("(".repeat(1000) + "a" + ")".repeat(1000))).hasMessageContaining("nests too deeply");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(LokiRegex.compile("(".repeat(998) + "[a-z]{0,1000}" + ")".repeat(998)).matches("")).isTrue();
            assertThatThrownBy(() -> LokiRegex.compile("((a{1000}){1000}){1000}")).hasMessageContaining("invalid repeat count");
        });
    }

    @Test
    void matchesEmptyAsAnAnchoredMatcher() {
        assertThat(LokiRegex.matchesEmpty("(?m)^")).isTrue();
        assertThat(LokiRegex.matchesEmpty("a|b|")).isTrue();
        assertThat(LokiRegex.matchesEmpty(".+")).isFalse();
        assertThat(LokiRegex.matchesEmpty("(")).isNull();
    }
}
