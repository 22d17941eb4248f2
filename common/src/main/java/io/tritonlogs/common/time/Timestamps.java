package io.tritonlogs.common.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one reader of the times the suite meets: RFC 3339 with up to nine fraction digits (as Docker,
 * CRI log files and Loki write them) and Unix times in seconds, milliseconds or nanoseconds (as
 * Loki's HTTP API reads them).
 */
public final class Timestamps {

    private static final BigDecimal MILLIS_FROM = new BigDecimal("1e12");
    private static final BigDecimal NANOS_FROM = new BigDecimal("1e15");
    private static final BigDecimal BILLION = new BigDecimal(1_000_000_000);

    private Timestamps() {
    }

    /**
     * Parses the RFC 3339 timestamp at the start of {@code b[from, to)} without allocating; returns
     * the index after it, or -1 if none is there. The value, in Unix nanoseconds, goes to {@code out[0]}.
     */
    public static int parseRfc3339(byte[] b, int from, int to, long[] out) {
        if (to - from < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                || b[from + 13] != ':' || b[from + 16] != ':') {
            return -1;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2);
        int minute = digits(b, from + 14, 2);
        int second = digits(b, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || minute < 0 || second < 0) {
            return -1;
        }
        int i = from + 19;
        long nanos = 0;
        if (i < to && b[i] == '.') {
            i++;
            int count = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (count < 9) {
                    nanos = nanos * 10 + (b[i] - '0');
                    count++;
                }
                i++;
            }
            for (; count < 9; count++) {
                nanos *= 10;
            }
        }
        long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        if (i < to && b[i] == 'Z') {
            out[0] = seconds * 1_000_000_000L + nanos;
            return i + 1;
        }
        if (i + 6 <= to && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int offsetHours = digits(b, i + 1, 2);
            int offsetMinutes = digits(b, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0) {
                return -1;
            }
            long offset = offsetHours * 3600L + offsetMinutes * 60L;
            out[0] = (seconds - (b[i] == '+' ? offset : -offset)) * 1_000_000_000L + nanos;
            return i + 6;
        }
        return -1;
    }

    /**
     * An RFC 3339 time ({@code 2024-12-01T10:30:00Z}) or a Unix time: seconds (fractions allowed),
     * milliseconds (≥ 1e12) or nanoseconds (≥ 1e15), the way Loki's API reads them.
     *
     * @throws IllegalArgumentException when {@code text} is neither
     */
    public static Instant parse(String text) {
        String t = text.strip();
        if (isUnsignedDecimal(t)) {
            try {
                BigDecimal value = new BigDecimal(t);
                BigDecimal nanos = value.compareTo(NANOS_FROM) >= 0 ? value
                        : value.compareTo(MILLIS_FROM) >= 0 ? value.multiply(BigDecimal.valueOf(1_000_000)) : value.multiply(BILLION);
                BigDecimal[] parts = nanos.setScale(0, RoundingMode.DOWN).divideAndRemainder(BILLION);
                return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
            } catch (ArithmeticException | DateTimeException e) {
                throw new IllegalArgumentException("not a Unix time Java can hold: " + t, e);
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("neither RFC 3339 nor a Unix time: " + t, e);
        }
    }

    /** Unix nanoseconds as seconds with nine fraction digits ({@code 1733049000.000000001}), as Docker's {@code since} reads them. */
    public static String unixSecondsWithNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        String fraction = Long.toString(nanos);
        return seconds + "." + "000000000".substring(fraction.length()) + fraction;
    }

    /** Unix nanoseconds of an instant (Loki's int64 time). */
    public static long unixNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static boolean isUnsignedDecimal(String t) {
        if (t.isEmpty() || !Character.isDigit(t.charAt(0)) || t.endsWith(".")) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1;
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
