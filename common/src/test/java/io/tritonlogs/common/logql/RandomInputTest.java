package io.tritonlogs.common.logql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random and adversarial input: the parser answers Parsed or Failed and nothing else, and deep
 * nesting ends in a depth error instead of a stack overflow. Timeouts here are hang guards only.
 */
class RandomInputTest {

    private static final String[] TOKENS = {
            "{", "}", "(", ")", "[", "]", "[5m]", "[1h30m]", "[x]", ",", ".", "=", "!=", "=~", "!~", "==", ">", ">=", "<", "<=",
            "|", "|=", "|~", "|>", "!>", "+", "-", "*", "/", "%", "^", "#", "\n", " ", " ", " ",
            "container", "level", "x", "__error__", "\"triton\"", "\"\"", "\".*\"", "\"(\"", "\"\\q\"", "`raw`", "\"a\\\"b\"", "\"",
            "`", "\"<a> <b>\"", "\"{{.x}}\"", "\"{{\"", "\"127.0.0.1\"",
            "5", "0.5", "-1", "1e3", "5m", "-5m", "1h30m", "10KB", "1.5MiB", "0x1F", "1e",
            "rate", "count_over_time", "bytes_rate", "sum_over_time", "quantile_over_time", "rate_counter", "absent_over_time",
            "sum", "avg", "topk", "bottomk", "sort", "count", "vector", "label_replace", "ip", "bytes", "duration",
            "by", "without", "bool", "on", "ignoring", "group_left", "group_right", "offset", "or", "and", "unless",
            "json", "logfmt", "--strict", "--keep-empty", "--nope", "regexp", "pattern", "unpack", "line_format",
            "label_format", "decolorize", "drop", "keep", "unwrap", "é", "\uD83D\uDE00", "\uD800", "@", "$", "'",
    };

    private static final List<String> SEEDS = Corpus.load().stream().map(Corpus::query).toList();

    @Test
    void tokenSoupAlwaysParsesOrFails() {
        Random random = new Random(20_261_125L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int parsed = 0;
            for (int i = 0; i < 25_000; i++) {
                StringBuilder query = new StringBuilder();
                int length = 1 + random.nextInt(40);
                for (int t = 0; t < length; t++) {
                    query.append(TOKENS[random.nextInt(TOKENS.length)]);
                    if (random.nextInt(3) == 0) {
                        query.append(' ');
                    }
                }
                parsed += parseAndRoundTrip(query.toString());
            }
            assertThat(parsed).as("some random soups are valid queries").isGreaterThan(0);
        });
    }

    @Test
    void mutatedCorpusQueriesAlwaysParseOrFail() {
        Random random = new Random(7L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 25_000; i++) {
                StringBuilder query = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits && query.length() > 0; e++) {
                    int at = random.nextInt(query.length());
                    switch (random.nextInt(4)) {
                        case 0 -> query.deleteCharAt(at);
                        case 1 -> query.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                        case 2 -> query.setCharAt(at, (char) random.nextInt(128));
                        default -> query.insert(at, query.substring(at, Math.min(query.length(), at + random.nextInt(20))));
                    }
                }
                parseAndRoundTrip(query.toString());
            }
        });
    }

    /** Parses; an accepted query must also survive printing. Returns 1 if it parsed. */
    private static int parseAndRoundTrip(String query) {
        ParseResult result = LogqlParser.parse(query);
        if (result instanceof ParseResult.Failed failed) {
            ParseError error = failed.error();
            assertThat(error.offset()).as("offset of %s in %s", error.message(), query).isBetween(0, query.length());
            assertThat(error.line()).isPositive();
            assertThat(error.column()).isPositive();
            return 0;
        }
        String printed = LogqlPrinter.print(((ParseResult.Parsed) result).expr());
        assertThat(LogqlParser.parse(printed)).as("reparse of %s printed as %s", query, printed)
                .isEqualTo(result);
        return 1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "sum(", "sum by (a) (", "topk(5, ", "vector(1) + ("})
    void deepNestingStopsWithADepthError(String opener) {
        String query = opener.repeat(10_000) + "vector(1)" + ")".repeat(10_000);
        ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> LogqlParser.parse(query, new ParseLimits(100, Integer.MAX_VALUE)));
        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        ParseError error = ((ParseResult.Failed) result).error();
        assertThat(error.message()).contains("nests deeper than 100 levels");
        assertThat(error.column()).isLessThanOrEqualTo(opener.length() * 101 + 1);
    }

    @Test
    void longOperatorChainsAndLabelFilterNestingAreBoundedToo() {
        ParseLimits unlimitedSize = new ParseLimits(100, Integer.MAX_VALUE);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(LogqlParser.parse("1" + " ^ 1".repeat(10_000), unlimitedSize).ok()).isFalse();
            assertThat(LogqlParser.parse("1" + " + 1".repeat(10_000), unlimitedSize).ok()).isFalse();
            assertThat(LogqlParser.parse("{a=\"b\"} | " + "(".repeat(10_000) + "x=\"1\"" + ")".repeat(10_000), unlimitedSize).ok()).isFalse();
            assertThat(LogqlParser.parse("{a=\"b\"} | x=\"1\"" + ", x=\"1\"".repeat(10_000), unlimitedSize).ok()).isFalse();
            assertThat(LogqlParser.parse("count_over_time(" + "(".repeat(10_000) + "{a=\"b\"}[5m]" + ")".repeat(10_001), unlimitedSize)
                    .ok()).isFalse();
        });
        assertThat(LogqlParser.parse("1" + " + 1".repeat(90)).ok()).isTrue();
    }

    @Test
    void thousandLevelInputsReturnPromptly() {
        String parens = "(".repeat(1_000) + "1" + ")".repeat(1_000);
        String sums = "sum(".repeat(1_000) + "vector(1)" + ")".repeat(1_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100; i++) {
                assertThat(LogqlParser.parse(parens, new ParseLimits(100, Integer.MAX_VALUE)).ok()).isFalse();
                assertThat(LogqlParser.parse(sums, new ParseLimits(100, Integer.MAX_VALUE)).ok()).isFalse();
            }
        });
        assertThat(LogqlParser.parse("(".repeat(99) + "1" + ")".repeat(99)).ok()).isTrue();
    }

    @Test
    void oversizedQueriesFailAtTheByteThatCrossesTheLimit() {
        String query = "{container=\"" + "é".repeat(3_000) + "\"}";
        ParseError error = ((ParseResult.Failed) LogqlParser.parse(query)).error();
        assertThat(error.message()).contains("the query is 6014 bytes long; Loki accepts at most 5119 bytes");
        assertThat(error.column()).isEqualTo(12 + 2_554);
    }
}
