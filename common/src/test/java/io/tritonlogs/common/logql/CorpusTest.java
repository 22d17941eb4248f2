package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.Expr;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every corpus query: accepted ones round-trip through the printer, rejected ones fail at the stated column. */
class CorpusTest {

    private static final List<Corpus> CASES = Corpus.load();

    @Test
    void corpusIsLargeAndMostlyAccepted() {
        long accepted = CASES.stream().filter(Corpus::accept).count();
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(300);
        assertThat(accepted).as("accepted cases").isGreaterThan(CASES.size() / 2 + 30);
    }

    @TestFactory
    List<DynamicTest> everyCase() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c))).toList();
    }

    private static void check(Corpus c) {
        ParseResult result = LogqlParser.parse(c.query());
        if (c.accept()) {
            assertThat(result).as("parse of %s", c.query())
                    .isInstanceOfSatisfying(ParseResult.Parsed.class, p -> { });
            Expr expr = ((ParseResult.Parsed) result).expr();
            String printed = LogqlPrinter.print(expr);
            ParseResult again = LogqlParser.parse(printed);
            assertThat(again).as("parse of the printed form %s", printed).isInstanceOf(ParseResult.Parsed.class);
            assertThat(((ParseResult.Parsed) again).expr()).as("AST after printing as %s", printed).isEqualTo(expr);
            assertThat(LogqlPrinter.print(((ParseResult.Parsed) again).expr())).as("printing is stable").isEqualTo(printed);
        } else {
            assertThat(result).as("parse of %s", c.query()).isInstanceOf(ParseResult.Failed.class);
            ParseError error = ((ParseResult.Failed) result).error();
            assertThat(error.column()).as("column of: %s", error.message()).isEqualTo(c.column());
            assertThat(error.message()).contains(c.fragment());
        }
    }
}
