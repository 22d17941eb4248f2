package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.BinOp;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.Grouping;
import io.tritonlogs.common.logql.ast.LabelFilter;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.LogRange;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.common.logql.ast.Stage;
import io.tritonlogs.common.logql.ast.Unwrap;
import io.tritonlogs.common.logql.ast.VectorMatching;

import java.util.List;

/**
 * Writes canonical LogQL: one spelling per AST, so {@code parse(print(e))} equals {@code e}.
 * Strings in double quotes with minimal escapes, keywords in lower case, groupings before the
 * arguments of vector aggregations and after those of range aggregations, the range at the end of
 * the log range, {@code and} for every conjunction, and parentheses only where precedence needs them.
 */
public final class LogqlPrinter {

    private LogqlPrinter() {
    }

    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder(128);
        expr(out, expr);
        return out.toString();
    }

    public static String print(Selector selector) {
        StringBuilder out = new StringBuilder(64);
        selector(out, selector);
        return out.toString();
    }

    public static String print(Stage stage) {
        StringBuilder out = new StringBuilder(64);
        stage(out, stage);
        return out.toString();
    }

    private static void expr(StringBuilder out, Expr expr) {
        if (expr instanceof LogExpr log) {
            log(out, log);
        } else {
            sample(out, (SampleExpr) expr);
        }
    }

    private static void log(StringBuilder out, LogExpr log) {
        selector(out, log.selector());
        for (Stage stage : log.stages()) {
            out.append(' ');
            stage(out, stage);
        }
    }

    private static void selector(StringBuilder out, Selector selector) {
        out.append('{');
        List<Matcher> matchers = selector.matchers();
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            matcher(out, matchers.get(i));
        }
        out.append('}');
    }

    private static void matcher(StringBuilder out, Matcher m) {
        out.append(m.name()).append(m.op().symbol());
        StringLiterals.appendQuoted(out, m.value());
    }

    private static void stage(StringBuilder out, Stage stage) {
        if (stage instanceof Stage.LineFilter f) {
            out.append(f.op().symbol()).append(' ');
            for (int i = 0; i < f.alternatives().size(); i++) {
                if (i > 0) {
                    out.append(" or ");
                }
                Stage.FilterValue v = f.alternatives().get(i);
                if (v.ip()) {
                    out.append("ip(");
                    StringLiterals.appendQuoted(out, v.value());
                    out.append(')');
                } else {
                    StringLiterals.appendQuoted(out, v.value());
                }
            }
            return;
        }
        out.append("| ");
        if (stage instanceof Stage.Json json) {
            out.append("json");
            extractions(out, json.extractions());
        } else if (stage instanceof Stage.Logfmt logfmt) {
            out.append("logfmt");
            if (logfmt.strict()) {
                out.append(" --strict");
            }
            if (logfmt.keepEmpty()) {
                out.append(" --keep-empty");
            }
            extractions(out, logfmt.extractions());
        } else if (stage instanceof Stage.Regexp re) {
            out.append("regexp ");
            StringLiterals.appendQuoted(out, re.regex());
        } else if (stage instanceof Stage.Pattern p) {
            out.append("pattern ");
            StringLiterals.appendQuoted(out, p.pattern());
        } else if (stage instanceof Stage.Unpack) {
            out.append("unpack");
        } else if (stage instanceof Stage.Decolorize) {
            out.append("decolorize");
        } else if (stage instanceof Stage.LabelFilterStage lf) {
            labelFilter(out, lf.filter());
        } else if (stage instanceof Stage.LineFormat lf) {
            out.append("line_format ");
            StringLiterals.appendQuoted(out, lf.template());
        } else if (stage instanceof Stage.LabelFormat lf) {
            out.append("label_format ");
            for (int i = 0; i < lf.assignments().size(); i++) {
                Stage.LabelAssignment a = lf.assignments().get(i);
                out.append(i > 0 ? ", " : "").append(a.label()).append('=');
                if (a.rename()) {
                    out.append(a.value());
                } else {
                    StringLiterals.appendQuoted(out, a.value());
                }
            }
        } else if (stage instanceof Stage.Drop drop) {
            out.append("drop ");
            labelRefs(out, drop.labels());
        } else if (stage instanceof Stage.Keep keep) {
            out.append("keep ");
            labelRefs(out, keep.labels());
        }
    }

    private static void extractions(StringBuilder out, List<Stage.Extraction> extractions) {
        for (int i = 0; i < extractions.size(); i++) {
            Stage.Extraction e = extractions.get(i);
            out.append(i > 0 ? ", " : " ").append(e.label());
            if (e.expression() != null) {
                out.append('=');
                StringLiterals.appendQuoted(out, e.expression());
            }
        }
    }

    private static void labelRefs(StringBuilder out, List<Stage.LabelRef> refs) {
        for (int i = 0; i < refs.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Stage.LabelRef ref = refs.get(i);
            if (ref.matcher() != null) {
                matcher(out, ref.matcher());
            } else {
                out.append(ref.name());
            }
        }
    }

    private static void labelFilter(StringBuilder out, LabelFilter filter) {
        if (filter instanceof LabelFilter.Text text) {
            matcher(out, text.matcher());
        } else if (filter instanceof LabelFilter.Number n) {
            out.append(n.label()).append(' ').append(n.op().symbol()).append(' ').append(n.value().text());
        } else if (filter instanceof LabelFilter.Duration d) {
            out.append(d.label()).append(' ').append(d.op().symbol()).append(' ').append(d.value().text());
        } else if (filter instanceof LabelFilter.Bytes b) {
            out.append(b.label()).append(' ').append(b.op().symbol()).append(' ').append(b.value().text());
        } else if (filter instanceof LabelFilter.Ip ip) {
            out.append(ip.label()).append(ip.negated() ? " != ip(" : " = ip(");
            StringLiterals.appendQuoted(out, ip.pattern());
            out.append(')');
        } else if (filter instanceof LabelFilter.And and) {
            for (int i = 0; i < and.operands().size(); i++) {
                LabelFilter operand = and.operands().get(i);
                out.append(i > 0 ? " and " : "");
                boolean parens = operand instanceof LabelFilter.Or;
                out.append(parens ? "(" : "");
                labelFilter(out, operand);
                out.append(parens ? ")" : "");
            }
        } else if (filter instanceof LabelFilter.Or or) {
            for (int i = 0; i < or.operands().size(); i++) {
                out.append(i > 0 ? " or " : "");
                labelFilter(out, or.operands().get(i));
            }
        }
    }

    private static void sample(StringBuilder out, SampleExpr expr) {
        if (expr instanceof SampleExpr.RangeAggregation r) {
            out.append(r.op().keyword()).append('(');
            if (r.parameter() != null) {
                out.append(r.parameter().text()).append(", ");
            }
            logRange(out, r.range());
            out.append(')');
            if (r.grouping() != null) {
                out.append(' ');
                grouping(out, r.grouping());
            }
        } else if (expr instanceof SampleExpr.VectorAggregation v) {
            out.append(v.op().keyword()).append(' ');
            if (v.grouping() != null) {
                grouping(out, v.grouping());
                out.append(' ');
            }
            out.setLength(out.length() - 1);
            out.append(v.grouping() != null ? " (" : "(");
            if (v.parameter() != null) {
                out.append(v.parameter().text()).append(", ");
            }
            sample(out, v.inner());
            out.append(')');
        } else if (expr instanceof SampleExpr.BinaryOp b) {
            binary(out, b);
        } else if (expr instanceof SampleExpr.Literal l) {
            out.append(l.value().text());
        } else if (expr instanceof SampleExpr.Vector v) {
            out.append("vector(").append(v.value().text()).append(')');
        } else if (expr instanceof SampleExpr.LabelReplace lr) {
            out.append("label_replace(");
            sample(out, lr.inner());
            for (String arg : new String[] {lr.destination(), lr.replacement(), lr.source(), lr.regex()}) {
                out.append(", ");
                StringLiterals.appendQuoted(out, arg);
            }
            out.append(')');
        }
    }

    private static void binary(StringBuilder out, SampleExpr.BinaryOp b) {
        BinOp op = b.op();
        operand(out, b.left(), op, true);
        out.append(' ').append(op.symbol());
        if (b.returnBool()) {
            out.append(" bool");
        }
        VectorMatching m = b.matching();
        if (m != null) {
            out.append(m.on() ? " on " : " ignoring ");
            labels(out, m.labels());
            if (m.cardinality() != VectorMatching.Cardinality.ONE_TO_ONE) {
                out.append(m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left" : " group_right");
                if (!m.include().isEmpty()) {
                    out.append(' ');
                    labels(out, m.include());
                }
            }
        }
        out.append(' ');
        operand(out, b.right(), op, false);
    }

    private static void operand(StringBuilder out, SampleExpr operand, BinOp parent, boolean left) {
        boolean parens = false;
        if (operand instanceof SampleExpr.BinaryOp child) {
            int p = parent.precedence();
            int c = child.op().precedence();
            boolean sameSideAssociates = left != parent.rightAssociative();
            parens = c < p || (c == p && !sameSideAssociates);
        }
        out.append(parens ? "(" : "");
        sample(out, operand);
        out.append(parens ? ")" : "");
    }

    private static void logRange(StringBuilder out, LogRange range) {
        log(out, range.log());
        Unwrap unwrap = range.unwrap();
        if (unwrap != null) {
            out.append(" | unwrap ");
            if (unwrap.conversion() != null) {
                out.append(unwrap.conversion().keyword()).append('(').append(unwrap.label()).append(')');
            } else {
                out.append(unwrap.label());
            }
            for (LabelFilter filter : unwrap.postFilters()) {
                out.append(" | ");
                labelFilter(out, filter);
            }
        }
        out.append(" [").append(range.range().text()).append(']');
        if (range.offset() != null) {
            out.append(" offset ").append(range.offset().text());
        }
    }

    private static void grouping(StringBuilder out, Grouping grouping) {
        out.append(grouping.without() ? "without " : "by ");
        labels(out, grouping.labels());
    }

    private static void labels(StringBuilder out, List<String> labels) {
        out.append('(').append(String.join(", ", labels)).append(')');
    }
}
