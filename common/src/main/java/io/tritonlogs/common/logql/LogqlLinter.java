package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.common.logql.ast.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Warns about the traps Loki's query guide describes: a regex line filter that matches every line
 * ({@code |~ ".*"}), an empty {@code |= ""}, a selector whose only real matcher is a catch-all regex
 * ({@code {container=~".+"}}: every stream with that label is read), ranges beyond
 * {@link LintConfig#maxRange()}, and line filters placed after a parser (they are far cheaper before).
 * Thread-safe.
 */
public final class LogqlLinter {

    private final LintConfig config;

    public LogqlLinter(LintConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        this.config = config;
    }

    public List<LintWarning> lint(Expr expr) {
        List<LintWarning> warnings = new ArrayList<>();
        visit(expr, warnings);
        return warnings;
    }

    private void visit(Expr expr, List<LintWarning> warnings) {
        if (expr instanceof LogExpr log) {
            log(log, warnings);
        } else if (expr instanceof SampleExpr.RangeAggregation r) {
            log(r.range().log(), warnings);
            if (r.range().range().value().compareTo(config.maxRange()) > 0) {
                warnings.add(new LintWarning(LintWarning.RANGE_TOO_LARGE, "the range [" + r.range().range().text()
                        + "] is longer than the allowed " + Durations.format(config.maxRange())
                        + ": Loki reads the whole range for every step; use a shorter range or a recording rule",
                        "[" + r.range().range().text() + "]"));
            }
        } else if (expr instanceof SampleExpr.VectorAggregation v) {
            visit(v.inner(), warnings);
        } else if (expr instanceof SampleExpr.BinaryOp b) {
            visit(b.left(), warnings);
            visit(b.right(), warnings);
        } else if (expr instanceof SampleExpr.LabelReplace lr) {
            visit(lr.inner(), warnings);
        }
    }

    private static void log(LogExpr log, List<LintWarning> warnings) {
        selector(log.selector(), warnings);
        boolean parsed = false;
        for (Stage stage : log.stages()) {
            if (stage instanceof Stage.LineFilter filter) {
                String subject = LogqlPrinter.print(stage);
                if (parsed) {
                    warnings.add(new LintWarning(LintWarning.LINE_FILTER_AFTER_PARSER,
                            "line filter after a parser: put line filters right after the selector, before json/logfmt/regexp/pattern, "
                                    + "so Loki parses only the lines that pass", subject));
                }
                for (Stage.FilterValue v : filter.alternatives()) {
                    if (v.ip()) {
                        continue;
                    }
                    if (filter.op().isRegex() && isCatchAll(v.value())) {
                        warnings.add(new LintWarning(LintWarning.CATCH_ALL_LINE_REGEX, "the regex line filter " + subject
                                + " matches every line: it costs a regex evaluation per line and filters nothing; remove it", subject));
                    } else if (!filter.op().isRegex() && !filter.op().isPattern() && v.value().isEmpty()) {
                        warnings.add(new LintWarning(LintWarning.EMPTY_LINE_FILTER, "the line filter " + subject
                                + " has an empty string: it filters nothing (or everything); remove it", subject));
                    }
                }
            } else if (stage instanceof Stage.Json || stage instanceof Stage.Logfmt || stage instanceof Stage.Regexp
                    || stage instanceof Stage.Pattern || stage instanceof Stage.Unpack) {
                parsed = true;
            }
        }
    }

    private static void selector(Selector selector, List<LintWarning> warnings) {
        boolean onlyCatchAll = false;
        for (Matcher m : selector.matchers()) {
            boolean selective = switch (m.op()) {
                case EQ -> !m.value().isEmpty();
                case RE -> !isCatchAll(m.value());
                default -> false;
            };
            if (selective) {
                return;
            }
            onlyCatchAll |= m.op() == MatchOp.RE;
        }
        if (onlyCatchAll) {
            String subject = LogqlPrinter.print(selector);
            warnings.add(new LintWarning(LintWarning.CATCH_ALL_SELECTOR, "the selector " + subject
                    + " matches every stream that has the label: Loki reads all of them; add an equality matcher such as container=\"triton\"",
                    subject));
        }
    }

    /** Whether {@code regex} accepts every line or label value ({@code .*}), or every non-empty one ({@code .+}). */
    static boolean isCatchAll(String regex) {
        String r = regex;
        boolean changed = true;
        while (changed) {
            String before = r;
            for (String flag : new String[] {"(?s)", "(?i)", "(?is)", "(?si)", "(?m)"}) {
                if (r.startsWith(flag)) {
                    r = r.substring(flag.length());
                }
            }
            if (r.startsWith("^")) {
                r = r.substring(1);
            }
            if (r.endsWith("$") && !r.endsWith("\\$")) {
                r = r.substring(0, r.length() - 1);
            }
            if (r.startsWith("(?:") && r.endsWith(")")) {
                r = r.substring(3, r.length() - 1);
            } else if (r.startsWith("(") && r.endsWith(")") && !r.startsWith("(?")) {
                r = r.substring(1, r.length() - 1);
            }
            changed = !r.equals(before);
        }
        r = r.replace("?", "");
        // .+ only rejects the empty line or value, so it is a catch-all for both.
        return r.isEmpty() || r.equals(".*") || r.equals(".*.*") || r.equals(".+") || r.equals(".+.*") || r.equals(".*.+");
    }
}
