package io.tritonlogs.query.lokiapi;

import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.SelectorRewriter;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.query.auth.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the parameters of a Loki read request for a caller. An unscoped caller's parameters
 * pass untouched, so it gets Loki's own answer byte for byte. A scoped caller's LogQL and
 * {@code match[]} selectors are parsed by common's parser and printed back with the token's
 * matchers forced into every stream selector ({@link SelectorRewriter#enforce} replaces whatever
 * the query said about those labels); where a selector is optional, a missing one becomes the
 * forced selector, so label and series listings never reach outside the scope.
 */
final class ScopeForcer {

    static final String QUERY = "query";
    static final String MATCH = "match[]";
    /** logcli's name for {@code match[]}; Loki takes both. */
    static final String MATCH_LOGCLI = "match";

    private final int maxQueryLength;

    ScopeForcer(int maxQueryLength) {
        this.maxQueryLength = maxQueryLength;
    }

    List<Map.Entry<String, String>> force(Scoping scoping, List<Map.Entry<String, String>> params, Caller caller) {
        for (Map.Entry<String, String> p : params) {
            if (carriesLogql(p.getKey()) && p.getValue().length() > maxQueryLength) {
                throw new LokiApiRefusal(400, p.getKey() + " is " + p.getValue().length() + " characters long; this service takes at most "
                        + maxQueryLength + " (query.limits.max-query-length)");
            }
        }
        if (!caller.scoped() || scoping == Scoping.NONE) {
            return params;
        }
        String name = scoping == Scoping.SERIES_MATCHERS ? MATCH : QUERY;
        List<Map.Entry<String, String>> out = new ArrayList<>();
        boolean given = false;
        for (Map.Entry<String, String> p : params) {
            if (!carriesLogql(p.getKey())) {
                out.add(p);
            } else if (!unrestricted(p.getValue())) {
                out.add(Map.entry(name, LogqlPrinter.print(SelectorRewriter.enforce(parse(p.getValue()), caller.forced()))));
                given = true;
            }
        }
        if (!given) {
            if (scoping == Scoping.LOGQL) {
                throw new LokiApiRefusal(400, "query is required");
            }
            out.add(Map.entry(name, LogqlPrinter.print(new Selector(caller.forced()))));
        }
        return out;
    }

    private static boolean carriesLogql(String name) {
        return name.equals(QUERY) || name.equals(MATCH) || name.equals(MATCH_LOGCLI);
    }

    /** Blank, or Loki's {@code {}} for "every series": for a scoped caller, its own streams. */
    private static boolean unrestricted(String value) {
        return value.isBlank() || value.replaceAll("\\s", "").equals("{}");
    }

    /** Loki's own wording for a parse error, so clients show what they would have shown. */
    private static Expr parse(String text) {
        ParseResult result = LogqlParser.parse(text);
        if (result instanceof ParseResult.Failed failed) {
            throw new LokiApiRefusal(400, "parse error at line " + failed.error().line() + ", col " + failed.error().column() + ": "
                    + failed.error().reason());
        }
        return ((ParseResult.Parsed) result).expr();
    }
}
