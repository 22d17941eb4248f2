package io.tritonlogs.common.loki;

/** One Loki stream label. Names follow Prometheus rules: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
public record Label(String name, String value) implements Comparable<Label> {

    public Label {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid Loki label name '" + name + "': use letters, digits and _, not starting with a digit");
        }
        if (value == null) {
            throw new IllegalArgumentException("label '" + name + "' has no value");
        }
    }

    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Label other) {
        return name.compareTo(other.name);
    }
}
