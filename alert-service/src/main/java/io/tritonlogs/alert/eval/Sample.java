package io.tritonlogs.alert.eval;

import java.util.Map;
import java.util.TreeMap;

/** One series of an instant query's answer: its labels and value. */
public record Sample(Map<String, String> labels, double value) {
    public Sample {
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
    }
}
