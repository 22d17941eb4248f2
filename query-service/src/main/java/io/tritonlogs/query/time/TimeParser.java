package io.tritonlogs.query.time;

import io.tritonlogs.common.logql.Durations;
import io.tritonlogs.common.time.Timestamps;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the time parameters every endpoint shares. A time is RFC 3339 ({@code 2024-12-01T10:30:00Z}),
 * or a Unix time: seconds (fractions allowed), milliseconds (≥ 1e12) or nanoseconds (≥ 1e15), the
 * way Loki's own API reads them ({@link Timestamps#parse}). {@code since} and windows are Prometheus
 * durations ({@code 15m}, {@code 1h30m}, {@code 2d}). Every mistake is an {@link InvalidParameterException}
 * naming the parameter.
 */
@ApplicationScoped
public class TimeParser {

    /** Loki keeps times as int64 nanoseconds since the epoch. */
    private static final Instant LAST_LOKI_INSTANT = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final Clock clock;
    private final Duration maxRange;
    private final Duration defaultSince;

    TimeParser(Clock clock, QueryConfig config) {
        this.clock = clock;
        this.maxRange = config.limits().maxRange();
        this.defaultSince = config.limits().defaultSince();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The range of a request: {@code start}/{@code end}, or {@code since} before {@code end} (default now), at most the configured maximum. */
    public TimeRange range(String start, String end, String since) {
        return range(start, end, since, defaultSince);
    }

    public TimeRange range(String start, String end, String since, Duration fallbackSince) {
        Instant endAt = end == null || end.isBlank() ? now() : instant("end", end);
        if (since != null && !since.isBlank() && start != null && !start.isBlank()) {
            throw new InvalidParameterException("since", "give either since or start, not both");
        }
        Instant startAt = start != null && !start.isBlank() ? instant("start", start)
                : endAt.minus(since != null && !since.isBlank() ? duration("since", since) : fallbackSince);
        if (!startAt.isBefore(endAt)) {
            throw new InvalidParameterException(start != null && !start.isBlank() ? "start" : "since",
                    "start (" + startAt + ") must be before end (" + endAt + ")");
        }
        if (Duration.between(startAt, endAt).compareTo(maxRange) > 0) {
            throw new InvalidParameterException(start != null && !start.isBlank() ? "start" : "since",
                    "the time range " + Durations.format(Duration.between(startAt, endAt).withNanos(0)) + " is longer than the allowed "
                            + Durations.format(maxRange));
        }
        return new TimeRange(startAt, endAt);
    }

    /** A point in time, or now when absent. */
    public Instant instantOrNow(String parameter, String text) {
        return text == null || text.isBlank() ? now() : instant(parameter, text);
    }

    /** One time: RFC 3339 or Unix seconds / milliseconds / nanoseconds, between the epoch and Loki's last nanosecond. */
    public static Instant instant(String parameter, String text) {
        Instant t = parse(parameter, text);
        if (t.isBefore(Instant.EPOCH) || t.isAfter(LAST_LOKI_INSTANT)) {
            throw new InvalidParameterException(parameter, parameter + " " + t + " is outside the times Loki can store (1970-01-01 to "
                    + LAST_LOKI_INSTANT + ")");
        }
        return t;
    }

    private static Instant parse(String parameter, String text) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(parameter, text);
        }
    }

    /** A positive Prometheus duration ({@code 15m}), at most the maximum range. */
    public Duration duration(String parameter, String text) {
        Duration d = Durations.parsePrometheus(text.strip());
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidParameterException(parameter, parameter + " must be a positive duration such as 15m, 1h or 2d, not '" + shorten(text) + "'");
        }
        if (d.compareTo(maxRange) > 0) {
            throw new InvalidParameterException(parameter, parameter + " " + text.strip() + " is longer than the allowed " + Durations.format(maxRange));
        }
        return d;
    }

    /** A step: a duration ({@code 30s}) or a number of seconds ({@code 30}, {@code 0.5}). */
    public Duration step(String parameter, String text) {
        String t = text.strip();
        try {
            BigDecimal seconds = new BigDecimal(t);
            if (seconds.signum() > 0 && seconds.compareTo(BigDecimal.valueOf(maxRange.toSeconds())) <= 0) {
                return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.UP).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return duration(parameter, t);
        }
        throw new InvalidParameterException(parameter, parameter + " must be a positive duration such as 30s or a number of seconds, not '" + shorten(text) + "'");
    }

    private static InvalidParameterException bad(String parameter, String text) {
        return new InvalidParameterException(parameter, parameter + " must be an RFC 3339 time (2024-12-01T10:30:00Z) or Unix seconds, "
                + "milliseconds or nanoseconds, not '" + shorten(text) + "'");
    }

    static String shorten(String text) {
        String t = text.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }
}
