package io.tritonlogs.common.logql.ast;

import java.util.Locale;

/** Vector aggregations. */
public enum VectorOp {
    SUM, AVG, MIN, MAX, STDDEV, STDVAR, COUNT, TOPK, BOTTOMK, SORT, SORT_DESC, APPROX_TOPK;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** topk, bottomk and approx_topk take a positive integer first: {@code topk(5, ...)}. */
    public boolean takesParameter() {
        return this == TOPK || this == BOTTOMK || this == APPROX_TOPK;
    }

    public static VectorOp fromKeyword(String keyword) {
        for (VectorOp op : values()) {
            if (op.keyword().equalsIgnoreCase(keyword)) {
                return op;
            }
        }
        return null;
    }
}
