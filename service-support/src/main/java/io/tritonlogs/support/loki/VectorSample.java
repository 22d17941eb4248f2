package io.tritonlogs.support.loki;

import java.util.Map;

/** One sample of a vector answer: its series' labels and its value ({@code NaN} and infinities kept). */
public record VectorSample(Map<String, String> labels, double value) {
}
