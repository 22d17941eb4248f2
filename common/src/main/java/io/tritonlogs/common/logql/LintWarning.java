package io.tritonlogs.common.logql;

/**
 * A performance trap in a query that Loki would still run. {@code code} is stable (for tests and
 * suppression), {@code message} is for people, {@code subject} is the canonical text of the part at fault.
 */
public record LintWarning(String code, String message, String subject) {

    public static final String CATCH_ALL_LINE_REGEX = "catch-all-line-regex";
    public static final String EMPTY_LINE_FILTER = "empty-line-filter";
    public static final String CATCH_ALL_SELECTOR = "catch-all-selector";
    public static final String RANGE_TOO_LARGE = "range-too-large";
    public static final String LINE_FILTER_AFTER_PARSER = "line-filter-after-parser";
}
