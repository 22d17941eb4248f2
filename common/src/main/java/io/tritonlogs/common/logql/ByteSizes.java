package io.tritonlogs.common.logql;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Byte sizes as Loki reads them (go-humanize's {@code ParseBytes}): {@code 10KB}, {@code 1.5MiB}, {@code 2K}. */
final class ByteSizes {

    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1_000L), Map.entry("kb", 1_000L), Map.entry("ki", 1L << 10), Map.entry("kib", 1L << 10),
            Map.entry("m", 1_000_000L), Map.entry("mb", 1_000_000L), Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("g", 1_000_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("gi", 1L << 30), Map.entry("gib", 1L << 30),
            Map.entry("t", 1_000_000_000_000L), Map.entry("tb", 1_000_000_000_000L), Map.entry("ti", 1L << 40), Map.entry("tib", 1L << 40),
            Map.entry("p", 1_000_000_000_000_000L), Map.entry("pb", 1_000_000_000_000_000L), Map.entry("pi", 1L << 50), Map.entry("pib", 1L << 50));

    private ByteSizes() {
    }

    /** The size in bytes, or -1 when {@code text} is not a byte size (or does not fit a signed 64-bit count). */
    static long parse(String text) {
        int split = 0;
        while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.')) {
            split++;
        }
        Long unit = UNITS.get(text.substring(split).toLowerCase(Locale.ROOT));
        if (split == 0 || unit == null) {
            return -1;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text.substring(0, split));
        } catch (NumberFormatException e) {
            return -1;
        }
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(unit));
        return bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? -1 : bytes.longValue();
    }
}
