package io.tritonlogs.support.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the answers of instant metric queries, as Loki and Prometheus write them:
 * {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{...},"value":[<unix s>,"<value>"]}]}}}
 * (a scalar is one sample without labels). An answer of any other shape is a {@link MalformedAnswerException}:
 * never an empty result.
 */
public final class VectorAnswers {

    private VectorAnswers() {
    }

    /** Thrown for an answer that is not a vector or scalar in Loki's shape; the message says what is wrong. */
    public static final class MalformedAnswerException extends Exception {
        public MalformedAnswerException(String message) {
            super(message);
        }
    }

    /** The samples of a whole answer body. */
    public static List<VectorSample> parse(String body, ObjectMapper json) throws MalformedAnswerException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedAnswerException("Loki's answer is not JSON: " + e.getMessage());
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            throw new MalformedAnswerException("Loki's answer has no \"status\": \"success\"");
        }
        return samples(root.path("data"));
    }

    /** The samples of an answer's {@code data} member. */
    public static List<VectorSample> samples(JsonNode data) throws MalformedAnswerException {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        List<VectorSample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                if (!result.isArray()) {
                    throw new MalformedAnswerException("Loki's vector answer has no result list");
                }
                for (JsonNode series : result) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> label = it.next();
                        labels.put(label.getKey(), label.getValue().asText());
                    }
                    samples.add(new VectorSample(labels, value(series.path("value"))));
                }
            }
            case "scalar" -> samples.add(new VectorSample(Map.of(), value(result)));
            default -> throw new MalformedAnswerException("Loki answered a \"" + type + "\" result; an alert expr must give a vector");
        }
        return samples;
    }

    private static double value(JsonNode pair) throws MalformedAnswerException {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw new MalformedAnswerException("a sample is not [<time>, \"<value>\"]: " + pair);
        }
        String text = pair.get(1).asText();
        Double value = sampleValue(text);
        if (value == null) {
            throw new MalformedAnswerException("a sample value is not a number: \"" + text + "\"");
        }
        return value;
    }

    /** A sample value as Loki and Prometheus write it ({@code "12"}, {@code "NaN"}, {@code "+Inf"}); null when it is not a number. */
    public static Double sampleValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }
}
