package io.tritonlogs.common.logql.ast;

import java.util.Locale;

/** Range aggregations, with what Loki allows for each: unwrap, a parameter, a grouping. */
public enum RangeOp {
    RATE(Unwrap.OPTIONAL, false),
    COUNT_OVER_TIME(Unwrap.FORBIDDEN, false),
    BYTES_RATE(Unwrap.FORBIDDEN, false),
    BYTES_OVER_TIME(Unwrap.FORBIDDEN, false),
    ABSENT_OVER_TIME(Unwrap.OPTIONAL, false),
    RATE_COUNTER(Unwrap.REQUIRED, false),
    SUM_OVER_TIME(Unwrap.REQUIRED, false),
    AVG_OVER_TIME(Unwrap.REQUIRED, true),
    MIN_OVER_TIME(Unwrap.REQUIRED, true),
    MAX_OVER_TIME(Unwrap.REQUIRED, true),
    STDVAR_OVER_TIME(Unwrap.REQUIRED, true),
    STDDEV_OVER_TIME(Unwrap.REQUIRED, true),
    QUANTILE_OVER_TIME(Unwrap.REQUIRED, true),
    FIRST_OVER_TIME(Unwrap.REQUIRED, true),
    LAST_OVER_TIME(Unwrap.REQUIRED, true);

    /** Whether the log range must, may or must not end in {@code | unwrap label}. */
    public enum Unwrap { REQUIRED, OPTIONAL, FORBIDDEN }

    private final Unwrap unwrap;
    private final boolean groupingAllowed;

    RangeOp(Unwrap unwrap, boolean groupingAllowed) {
        this.unwrap = unwrap;
        this.groupingAllowed = groupingAllowed;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Unwrap unwrap() {
        return unwrap;
    }

    public boolean groupingAllowed() {
        return groupingAllowed;
    }

    public boolean takesParameter() {
        return this == QUANTILE_OVER_TIME;
    }

    /** The operation named {@code keyword} (any letter case), or null. */
    public static RangeOp fromKeyword(String keyword) {
        for (RangeOp op : values()) {
            if (op.keyword().equalsIgnoreCase(keyword)) {
                return op;
            }
        }
        return null;
    }
}
