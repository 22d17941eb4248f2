package io.tritonlogs.alert.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Values as Prometheus' and Loki's rules API write them (Go's encodings). */
final class PrometheusFormat {

    /** What Go writes for a zero {@code time.Time}: a rule never evaluated. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private PrometheusFormat() {
    }

    /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: the shortest exact digits, e.g. 12 → {@code 1.2e+01}. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0e+00";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        StringBuilder out = new StringBuilder(v < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        return out.append(abs < 10 ? "0" : "").append(abs).toString();
    }

    /** Go's RFC 3339 with nanoseconds, trailing zeros of the fraction dropped; a null time is Go's zero time. */
    static String time(Instant t) {
        if (t == null) {
            return ZERO_TIME;
        }
        StringBuilder out = new StringBuilder(SECONDS.format(t));
        if (t.getNano() != 0) {
            out.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        return out.append('Z').toString();
    }
}
