package io.tritonlogs.query.auth;

import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.SelectorRewriter;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.query.errors.OutOfScopeException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Applies the caller's scope. Structured requests that name a value outside it are refused
 * ({@link #checkRequested}, 403); every query, structured or raw, then gets the forced matchers in
 * every stream selector through common's {@link SelectorRewriter#enforce}, which replaces whatever
 * the query said about those labels.
 */
@ApplicationScoped
public class ScopePolicy {

    private final CurrentCaller current;

    ScopePolicy(CurrentCaller current) {
        this.current = current;
    }

    public Caller caller() {
        return current.get();
    }

    /** 403 when a label the caller asked for by name is one its token fixes to something else. */
    public void checkRequested(List<Matcher> requested) {
        Caller caller = current.get();
        for (Matcher m : requested) {
            for (Matcher f : caller.forced()) {
                if (f.name().equals(m.name()) && !f.equals(m)) {
                    throw new OutOfScopeException("this token may only read " + LogqlPrinter.print(new Selector(caller.forced()))
                            + ", so " + m.name() + " cannot be chosen");
                }
            }
        }
    }

    /** {@code expr} with the caller's forced matchers in every stream selector (unchanged for an unscoped caller). */
    public <T extends Expr> T enforce(T expr) {
        Caller caller = current.get();
        return caller.scoped() ? SelectorRewriter.enforce(expr, caller.forced()) : expr;
    }
}
