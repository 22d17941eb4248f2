package io.tritonlogs.common.logql.ast;

/**
 * One label matcher, {@code name op "value"}, as used in stream selectors, string label filters and
 * {@code drop}/{@code keep}. The value is the unescaped string.
 */
public record Matcher(String name, MatchOp op, String value) {

    public Matcher {
        Names.requireLabelName(name);
        if (op == null || value == null) {
            throw new IllegalArgumentException("matcher for '" + name + "' needs an operator and a value");
        }
    }

    public static Matcher eq(String name, String value) {
        return new Matcher(name, MatchOp.EQ, value);
    }

    public static Matcher regex(String name, String regex) {
        return new Matcher(name, MatchOp.RE, regex);
    }
}
