package io.tritonlogs.stack;

import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.SelectorRewriter;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.Selector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DESIGN.md's label contract, checked with common's LogQL parser: a query is fine when it parses
 * and every stream selector matches only on contract labels.
 */
final class LabelContract {
    static final Set<String> LABELS = Set.of("container", "service", "level", "model_name", "stream", "namespace", "pod");
    static final Set<String> LEVELS = Set.of("INFO", "WARNING", "ERROR", "FATAL", "VERBOSE", "UNKNOWN");

    private static final Pattern SIMPLE_ALTERNATION = Pattern.compile("[A-Za-z]+(\\|[A-Za-z]+)*");
    /** A line filter looking for ERROR, FATAL or WARNING in upper case: the guide's mistake. */
    private static final Pattern LEVEL_TEXT_SEARCH = Pattern.compile("\\|[=~]\\s*[\"`][^\"`]*\\b(ERROR|FATAL|WARNING)\\b");

    /** Sample values for Grafana's variables, so dashboard queries become plain LogQL. */
    private static final Map<String, String> GRAFANA_VARIABLES = new LinkedHashMap<>();

    static {
        GRAFANA_VARIABLES.put("$__interval_ms", "60000");
        GRAFANA_VARIABLES.put("$__rate_interval", "1m");
        GRAFANA_VARIABLES.put("$__interval", "1m");
        GRAFANA_VARIABLES.put("$__range", "1h");
        GRAFANA_VARIABLES.put("$__auto", "1m");
        GRAFANA_VARIABLES.put("$service", "triton");
        GRAFANA_VARIABLES.put("$model", "resnet50");
    }

    private LabelContract() {
    }

    static String substituteGrafanaVariables(String expr) {
        String out = expr;
        for (Map.Entry<String, String> v : GRAFANA_VARIABLES.entrySet()) {
            String name = v.getKey().substring(1);
            out = out.replace("${" + name + "}", v.getValue()).replace(v.getKey(), v.getValue());
        }
        if (out.contains("$")) {
            throw new AssertionError("unknown Grafana variable left in: " + out);
        }
        return out;
    }

    /** Problems with {@code query}: empty when it parses and keeps to the label contract. */
    static List<String> problems(String query) {
        List<String> problems = new ArrayList<>();
        ParseResult result = LogqlParser.parse(query);
        if (result instanceof ParseResult.Failed failed) {
            problems.add("does not parse: " + failed.error().message() + " at line " + failed.error().line()
                    + ", column " + failed.error().column() + ": " + query);
            return problems;
        }
        if (LEVEL_TEXT_SEARCH.matcher(query).find()) {
            problems.add("searches the line text for a level word; Triton writes E1201..., use the level label: " + query);
        }
        List<Selector> selectors = SelectorRewriter.selectors(((ParseResult.Parsed) result).expr());
        if (selectors.isEmpty()) {
            problems.add("has no stream selector: " + query);
        }
        for (Selector selector : selectors) {
            for (Matcher m : selector.matchers()) {
                if (!LABELS.contains(m.name())) {
                    problems.add("selects on label '" + m.name() + "', not in the label contract " + LABELS + ": " + query);
                }
                if (m.name().equals("level") && (m.op() == MatchOp.EQ || m.op() == MatchOp.NEQ) && !LEVELS.contains(m.value())) {
                    problems.add("level \"" + m.value() + "\" is not a contract level: " + query);
                }
                if (m.name().equals("level") && (m.op() == MatchOp.RE || m.op() == MatchOp.NRE) && SIMPLE_ALTERNATION.matcher(m.value()).matches()) {
                    for (String level : m.value().split("\\|")) {
                        if (!LEVELS.contains(level)) {
                            problems.add("level \"" + level + "\" is not a contract level: " + query);
                        }
                    }
                }
            }
        }
        return problems;
    }
}
