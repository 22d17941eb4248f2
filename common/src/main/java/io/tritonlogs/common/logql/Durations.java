package io.tritonlogs.common.logql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * The two duration syntaxes Loki reads. Ranges ({@code [5m]}) use Prometheus' strict form: integer
 * counts of {@code y w d h m s ms}, each unit at most once and in that order. Elsewhere (offset,
 * duration label filters) Loki tries that first and then Go's {@code time.ParseDuration}, which adds
 * fractions, a sign and {@code ns us µs}.
 */
public final class Durations {

    private static final String[] PROM_UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] PROM_UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /** Prometheus' {@code model.ParseDuration}, or null when {@code text} is not one. */
    public static Duration parsePrometheus(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.isEmpty()) {
            return null;
        }
        int pos = 0;
        int lastUnit = -1;
        BigInteger nanos = BigInteger.ZERO;
        while (pos < text.length()) {
            int start = pos;
            while (pos < text.length() && isAsciiDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                return null;
            }
            BigInteger count = new BigInteger(text.substring(start, pos));
            int unit = -1;
            if (text.startsWith("ms", pos)) {
                unit = 6;
            } else {
                for (int u = 0; u < 6; u++) {
                    if (text.startsWith(PROM_UNITS[u], pos)) {
                        unit = u;
                        break;
                    }
                }
            }
            if (unit <= lastUnit) {
                return null;
            }
            pos += PROM_UNITS[unit].length();
            lastUnit = unit;
            nanos = nanos.add(count.multiply(BigInteger.valueOf(PROM_UNIT_MILLIS[unit] * 1_000_000)));
            if (nanos.compareTo(MAX_NANOS) > 0) {
                return null;
            }
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** Go's {@code time.ParseDuration}, or null when {@code text} is not one. */
    public static Duration parseGo(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            int start = pos;
            while (pos < s.length() && isAsciiDigit(s.charAt(pos))) {
                pos++;
            }
            boolean before = pos > start;
            boolean after = false;
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int fraction = pos;
                while (pos < s.length() && isAsciiDigit(s.charAt(pos))) {
                    pos++;
                }
                after = pos > fraction;
            }
            if (!before && !after) {
                return null;
            }
            String number = s.substring(start, pos);
            int unitStart = pos;
            while (pos < s.length() && s.charAt(pos) != '.' && !isAsciiDigit(s.charAt(pos))) {
                pos++;
            }
            long unitNanos = goUnit(s.substring(unitStart, pos));
            if (unitNanos == 0) {
                return null;
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number)
                    .multiply(BigDecimal.valueOf(unitNanos)));
        }
        BigInteger nanos = total.toBigInteger();
        BigInteger limit = negative ? MAX_NANOS.add(BigInteger.ONE) : MAX_NANOS;
        if (nanos.compareTo(limit) > 0) {
            return null;
        }
        return Duration.ofNanos(negative ? nanos.negate().longValue() : nanos.longValue());
    }

    /** What Loki's lexer does for a duration token: Prometheus syntax first, then Go's. */
    public static Duration parseLoki(String text) {
        Duration prometheus = parsePrometheus(text);
        return prometheus != null ? prometheus : parseGo(text);
    }

    /** {@code duration} in Prometheus syntax ({@code 1d2h30m}), the form every LogQL range accepts. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a LogQL range cannot be negative: " + duration);
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("a LogQL range has millisecond precision at most: " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        StringBuilder text = new StringBuilder();
        for (int u = 2; u < PROM_UNITS.length; u++) {
            long count = millis / PROM_UNIT_MILLIS[u];
            if (count > 0) {
                text.append(count).append(PROM_UNITS[u]);
                millis -= count * PROM_UNIT_MILLIS[u];
            }
        }
        return text.toString();
    }

    private static long goUnit(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
