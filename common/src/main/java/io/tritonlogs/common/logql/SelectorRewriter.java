package io.tritonlogs.common.logql;

import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Selector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rewrites every stream selector of a query, however deeply it sits inside metric expressions: the
 * basis of per-token access policies. Only stream selectors decide which streams Loki reads, so
 * matchers in label filters, {@code drop} or {@code keep} are left alone.
 *
 * <p>{@link #enforce} is the policy mode. A forced matcher <em>replaces</em> every matcher the user
 * wrote for the same label: under {@code namespace="team-a"}, {@code {namespace="team-b"}} becomes
 * {@code {namespace="team-a"}}. That is safe because the forced matchers alone bound what can be read;
 * the alternative of keeping both (which would return nothing) only hides the conflict from the user
 * while still costing Loki a query. Callers that would rather refuse a conflicting query can check
 * {@link #conflicts} first.
 */
public final class SelectorRewriter {

    private SelectorRewriter() {
    }

    /** {@code expr} with {@code forced} in every selector, replacing the user's matchers on those labels. */
    public static <T extends Expr> T enforce(T expr, List<Matcher> forced) {
        requireMatchers(forced);
        Set<String> names = names(forced);
        return rewrite(expr, selector -> {
            List<Matcher> matchers = new ArrayList<>(forced);
            for (Matcher m : selector.matchers()) {
                if (!names.contains(m.name())) {
                    matchers.add(m);
                }
            }
            return new Selector(matchers);
        });
    }

    /** {@code expr} with each of {@code defaults} added to the selectors that have no matcher on its label. */
    public static <T extends Expr> T addMissing(T expr, List<Matcher> defaults) {
        requireMatchers(defaults);
        return rewrite(expr, selector -> {
            Set<String> present = names(selector.matchers());
            List<Matcher> matchers = new ArrayList<>(selector.matchers());
            for (Matcher m : defaults) {
                if (!present.contains(m.name())) {
                    matchers.add(m);
                }
            }
            return new Selector(matchers);
        });
    }

    /** The user's matchers that {@link #enforce} would drop because {@code forced} names their label. */
    public static List<Matcher> conflicts(Expr expr, List<Matcher> forced) {
        Set<String> names = names(forced);
        List<Matcher> dropped = new ArrayList<>();
        rewrite(expr, selector -> {
            for (Matcher m : selector.matchers()) {
                if (names.contains(m.name()) && !forced.contains(m)) {
                    dropped.add(m);
                }
            }
            return selector;
        });
        return dropped;
    }

    /** Every stream selector of {@code expr}, in the order they are written. */
    public static List<Selector> selectors(Expr expr) {
        List<Selector> found = new ArrayList<>();
        rewrite(expr, selector -> {
            found.add(selector);
            return selector;
        });
        return found;
    }

    /** {@code expr} with {@code change} applied to each stream selector. */
    @SuppressWarnings("unchecked")
    public static <T extends Expr> T rewrite(T expr, UnaryOperator<Selector> change) {
        return (T) (expr instanceof LogExpr log ? log(log, change) : sample((SampleExpr) expr, change));
    }

    private static LogExpr log(LogExpr log, UnaryOperator<Selector> change) {
        return log.withSelector(change.apply(log.selector()));
    }

    private static SampleExpr sample(SampleExpr expr, UnaryOperator<Selector> change) {
        if (expr instanceof SampleExpr.RangeAggregation r) {
            return new SampleExpr.RangeAggregation(r.op(), r.parameter(), r.range().withLog(log(r.range().log(), change)), r.grouping());
        }
        if (expr instanceof SampleExpr.VectorAggregation v) {
            return new SampleExpr.VectorAggregation(v.op(), v.parameter(), sample(v.inner(), change), v.grouping());
        }
        if (expr instanceof SampleExpr.BinaryOp b) {
            SampleExpr left = sample(b.left(), change);
            return new SampleExpr.BinaryOp(b.op(), left, sample(b.right(), change), b.returnBool(), b.matching());
        }
        if (expr instanceof SampleExpr.LabelReplace lr) {
            return new SampleExpr.LabelReplace(sample(lr.inner(), change), lr.destination(), lr.replacement(), lr.source(), lr.regex());
        }
        return expr;
    }

    private static void requireMatchers(List<Matcher> matchers) {
        if (matchers == null || matchers.isEmpty() || matchers.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("at least one matcher is required");
        }
    }

    private static Set<String> names(List<Matcher> matchers) {
        Set<String> names = new HashSet<>();
        matchers.forEach(m -> names.add(m.name()));
        return names;
    }
}
