package io.tritonlogs.common.logql;

/**
 * Bounds that keep parsing cheap on hostile input. {@code maxDepth} counts nested parentheses,
 * function calls and binary operators; {@code maxQueryBytes} is the UTF-8 length Loki accepts
 * (it rejects queries of 5120 bytes or more).
 */
public record ParseLimits(int maxDepth, int maxQueryBytes) {

    public static final ParseLimits LOKI = new ParseLimits(100, 5119);

    public ParseLimits {
        if (maxDepth < 1 || maxQueryBytes < 1) {
            throw new IllegalArgumentException("parse limits must be positive");
        }
    }
}
