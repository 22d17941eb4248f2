package io.tritonlogs.query.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.support.loki.VectorAnswers;
import io.tritonlogs.support.loki.VectorSample;

import java.time.Instant;
import java.util.List;

/** Reads Loki's and Prometheus' {@code vector} results (through the shared {@link VectorAnswers}) and {@code matrix} points. */
public final class Samples {

    private Samples() {
    }

    /** The samples of a vector answer's {@code data}; an answer of another shape is {@code upstream} failing (502), never an empty result. */
    public static List<VectorSample> vector(String upstream, JsonNode data) {
        try {
            return VectorAnswers.samples(data);
        } catch (VectorAnswers.MalformedAnswerException e) {
            throw new LokiException(LokiException.Kind.FAILED, upstream, upstream + " answered a metric query with something other than a vector: "
                    + e.getMessage(), e);
        }
    }

    /** A sample value as Prometheus and Loki write it ({@code "12"}, {@code "NaN"}, {@code "+Inf"}); non-finite values as null. */
    public static Double value(String text) {
        return finite(VectorAnswers.sampleValue(text));
    }

    /** A value, or null when it is not a finite number. */
    public static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    /** A sample time ({@code 1795534500} or {@code 1795534410.727}, seconds) as an instant. */
    public static Instant time(JsonNode seconds) {
        double s = seconds.asDouble();
        long whole = (long) Math.floor(s);
        return Instant.ofEpochSecond(whole, Math.round((s - whole) * 1000) * 1_000_000L);
    }

    /** A count sample as a whole number; 0 when it is not finite. */
    public static long count(double value) {
        return Double.isFinite(value) ? Math.round(value) : 0;
    }
}
