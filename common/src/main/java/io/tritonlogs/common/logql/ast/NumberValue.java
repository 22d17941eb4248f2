package io.tritonlogs.common.logql.ast;

/**
 * A number as written (sign included, e.g. {@code -0.5}, {@code 1e3}) and its value. The text is kept
 * so printing is exact: {@code 0.10} stays {@code 0.10}.
 */
public record NumberValue(String text, double value) {

    public NumberValue {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a number needs its text");
        }
    }

    public static NumberValue of(long value) {
        return new NumberValue(Long.toString(value), value);
    }

    public static NumberValue of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("LogQL has no literal for " + value);
        }
        String text = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        return new NumberValue(text, value);
    }
}
