package io.tritonlogs.common.loki;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The labels of one Loki stream, sorted by name, without empty values (Loki drops those anyway). */
public record LabelSet(List<Label> labels) {

    public LabelSet {
        List<Label> sorted = new ArrayList<>();
        for (Label label : labels) {
            if (!label.value().isEmpty()) {
                sorted.add(label);
            }
        }
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("label '" + sorted.get(i).name() + "' is given twice");
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a Loki stream needs at least one label with a value");
        }
        labels = List.copyOf(sorted);
    }

    public static LabelSet of(Map<String, String> labels) {
        List<Label> list = new ArrayList<>(labels.size());
        labels.forEach((name, value) -> list.add(new Label(name, value == null ? "" : value)));
        return new LabelSet(list);
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Label label : labels) {
            map.put(label.name(), label.value());
        }
        return map;
    }

    /** The value of {@code name}, or null. */
    public String get(String name) {
        for (Label label : labels) {
            if (label.name().equals(name)) {
                return label.value();
            }
        }
        return null;
    }

    /** Prometheus text form, as Loki's push API wants it: {@code {container="triton", level="ERROR"}}. */
    public String render() {
        StringBuilder out = new StringBuilder(16 + labels.size() * 24);
        out.append('{');
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append(label.name()).append("=\"");
            appendEscaped(out, label.value());
            out.append('"');
        }
        return out.append('}').toString();
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return render();
    }
}
