package io.tritonlogs.common.logql;

import java.time.Duration;

/** What {@link LogqlLinter} warns about: ranges longer than {@code maxRange}. */
public record LintConfig(Duration maxRange) {

    /** A day: longer ranges make Loki read a day of chunks for every step. */
    public static final LintConfig DEFAULTS = new LintConfig(Duration.ofDays(1));

    public LintConfig {
        if (maxRange == null || maxRange.isNegative() || maxRange.isZero()) {
            throw new IllegalArgumentException("maxRange must be positive");
        }
    }
}
