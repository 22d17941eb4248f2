package io.tritonlogs.query.stats;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.function.BiConsumer;

/** Reads Loki's and Prometheus' {@code vector} and {@code matrix} results. */
public final class Samples {

    private Samples() {
    }

    /** Each sample of a vector: its metric labels and value (non-finite values as null). */
    public static void eachVectorSample(JsonNode data, BiConsumer<JsonNode, Double> each) {
        for (JsonNode sample : data.path("result")) {
            each.accept(sample.path("metric"), value(sample.path("value").path(1).asText()));
        }
    }

    /** A sample value as Prometheus and Loki write it ({@code "12"}, {@code "NaN"}, {@code "+Inf"}); non-finite values as null. */
    public static Double value(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A sample time ({@code 1795534500} or {@code 1795534410.727}, seconds) as an instant. */
    public static Instant time(JsonNode seconds) {
        double s = seconds.asDouble();
        long whole = (long) Math.floor(s);
        return Instant.ofEpochSecond(whole, Math.round((s - whole) * 1000) * 1_000_000L);
    }

    public static long count(Double value) {
        return value == null ? 0 : Math.round(value);
    }
}
