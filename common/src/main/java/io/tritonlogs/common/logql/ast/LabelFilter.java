package io.tritonlogs.common.logql.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A label filter after {@code |}: comparisons joined by {@code and} (also written {@code ,} or a
 * space) and {@code or}. {@link And} and {@link Or} are n-ary and flatten nested nodes of their own
 * kind, so {@code a and (b and c)} equals {@code a and b and c}: both operators are associative.
 */
public sealed interface LabelFilter {

    /** {@code level="ERROR"}, {@code msg=~"time.*out"}: a string comparison. */
    record Text(Matcher matcher) implements LabelFilter {
        public Text {
            if (matcher == null) {
                throw new IllegalArgumentException("a string label filter needs a matcher");
            }
        }
    }

    /** {@code status >= 500}. */
    record Number(String label, ComparisonOp op, NumberValue value) implements LabelFilter {
        public Number {
            Names.requireLabelName(label);
            require(op, value);
        }
    }

    /** {@code latency > 250ms}. */
    record Duration(String label, ComparisonOp op, DurationValue value) implements LabelFilter {
        public Duration {
            Names.requireLabelName(label);
            require(op, value);
        }
    }

    /** {@code size > 10KB}. */
    record Bytes(String label, ComparisonOp op, BytesValue value) implements LabelFilter {
        public Bytes {
            Names.requireLabelName(label);
            require(op, value);
        }
    }

    /** {@code addr = ip("127.0.0.0/8")}; {@code negated} for {@code !=}. */
    record Ip(String label, boolean negated, String pattern) implements LabelFilter {
        public Ip {
            Names.requireLabelName(label);
            require(pattern, pattern);
        }
    }

    record And(List<LabelFilter> operands) implements LabelFilter {
        public And {
            operands = flatten(operands, And.class);
        }
    }

    record Or(List<LabelFilter> operands) implements LabelFilter {
        public Or {
            operands = flatten(operands, Or.class);
        }
    }

    static LabelFilter and(LabelFilter left, LabelFilter right) {
        return new And(List.of(left, right));
    }

    static LabelFilter or(LabelFilter left, LabelFilter right) {
        return new Or(List.of(left, right));
    }

    private static List<LabelFilter> flatten(List<LabelFilter> operands, Class<? extends LabelFilter> kind) {
        if (operands == null || operands.size() < 2) {
            throw new IllegalArgumentException("and/or needs at least two operands");
        }
        List<LabelFilter> flat = new ArrayList<>(operands.size());
        for (LabelFilter operand : operands) {
            if (operand instanceof And and && kind == And.class) {
                flat.addAll(and.operands());
            } else if (operand instanceof Or or && kind == Or.class) {
                flat.addAll(or.operands());
            } else if (operand == null) {
                throw new IllegalArgumentException("and/or operand is null");
            } else {
                flat.add(operand);
            }
        }
        return List.copyOf(flat);
    }

    private static void require(Object op, Object value) {
        if (op == null || value == null) {
            throw new IllegalArgumentException("a label filter needs an operator and a value");
        }
    }
}
