package io.tritonlogs.query.search;

import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/** Reads {@code limit} and {@code direction} against the configured limits. */
@ApplicationScoped
public class Paging {

    private final int defaultLimit;
    private final int maxLimit;

    Paging(QueryConfig config) {
        this.defaultLimit = config.limits().defaultLimit();
        this.maxLimit = config.limits().maxLimit();
        if (defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalStateException("query.limits.default-limit must be between 1 and query.limits.max-limit (" + maxLimit + ")");
        }
    }

    /** The limit: default when absent, 400 when not a whole number from 1 to the maximum. */
    public int limit(String text) {
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + maxLimit);
        }
        if (limit < 1 || limit > maxLimit) {
            throw new InvalidParameterException("limit", "limit must be from 1 to " + maxLimit + ", not " + limit);
        }
        return limit;
    }

    public int limit(Integer value) {
        return limit(value == null ? null : value.toString());
    }

    /** {@code backward} (newest first, the default) or {@code forward}. */
    public String direction(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String d = text.strip().toLowerCase(Locale.ROOT);
        if (!d.equals("backward") && !d.equals("forward")) {
            throw new InvalidParameterException("direction", "direction must be backward or forward");
        }
        return d;
    }

    public int maxLimit() {
        return maxLimit;
    }
}
