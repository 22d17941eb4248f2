package io.tritonlogs.common.logql.ast;

/** A metric query: returns samples, not log lines. */
public sealed interface SampleExpr extends Expr {

    /** {@code rate({...}[5m])}, {@code quantile_over_time(0.99, ... | unwrap x [5m]) by (a)}. Parameter and grouping may be null. */
    record RangeAggregation(RangeOp op, NumberValue parameter, LogRange range, Grouping grouping) implements SampleExpr {
        public RangeAggregation {
            if (op == null || range == null) {
                throw new IllegalArgumentException("a range aggregation needs an operation and a log range");
            }
        }
    }

    /** {@code sum by (level) (...)}, {@code topk(5, ...)}. Parameter and grouping may be null. */
    record VectorAggregation(VectorOp op, NumberValue parameter, SampleExpr inner, Grouping grouping) implements SampleExpr {
        public VectorAggregation {
            if (op == null || inner == null) {
                throw new IllegalArgumentException("a vector aggregation needs an operation and an expression");
            }
        }
    }

    /** {@code left op [bool] [on|ignoring (...)] [group_left|group_right (...)] right}; matching may be null. */
    record BinaryOp(BinOp op, SampleExpr left, SampleExpr right, boolean returnBool, VectorMatching matching) implements SampleExpr {
        public BinaryOp {
            if (op == null || left == null || right == null) {
                throw new IllegalArgumentException("a binary operation needs an operator and two operands");
            }
        }

        public static BinaryOp of(BinOp op, SampleExpr left, SampleExpr right) {
            return new BinaryOp(op, left, right, false, null);
        }
    }

    /** A number: {@code 10}, {@code -0.5}. */
    record Literal(NumberValue value) implements SampleExpr {
        public Literal {
            if (value == null) {
                throw new IllegalArgumentException("a literal needs a value");
            }
        }
    }

    /** {@code vector(1)}. */
    record Vector(NumberValue value) implements SampleExpr {
        public Vector {
            if (value == null) {
                throw new IllegalArgumentException("vector() needs a value");
            }
        }
    }

    /** {@code label_replace(inner, "dst", "replacement", "src", "regex")}. */
    record LabelReplace(SampleExpr inner, String destination, String replacement, String source, String regex) implements SampleExpr {
        public LabelReplace {
            if (inner == null || destination == null || replacement == null || source == null || regex == null) {
                throw new IllegalArgumentException("label_replace needs an expression and four strings");
            }
        }
    }
}
