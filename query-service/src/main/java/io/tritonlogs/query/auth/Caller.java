package io.tritonlogs.query.auth;

import io.tritonlogs.common.logql.ast.Matcher;

import java.util.List;

/**
 * Who is asking: a token's name and the matchers forced into every stream selector of its queries
 * (none: it reads everything). With access control off every caller is {@link #ANONYMOUS}.
 */
public record Caller(String name, List<Matcher> forced) {

    public static final Caller ANONYMOUS = new Caller("anonymous", List.of());

    public Caller {
        forced = forced == null ? List.of() : List.copyOf(forced);
    }

    public boolean scoped() {
        return !forced.isEmpty();
    }
}
