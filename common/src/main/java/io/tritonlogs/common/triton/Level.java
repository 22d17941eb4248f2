package io.tritonlogs.common.triton;

/** Severity of a log entry, as stored in the Loki {@code level} label. */
public enum Level {
    INFO, WARNING, ERROR, FATAL, VERBOSE, UNKNOWN;

    /** The level of a glog/Triton level letter, or {@code null} if {@code c} is not one. */
    public static Level fromLetter(char c) {
        return switch (c) {
            case 'I' -> INFO;
            case 'W' -> WARNING;
            case 'E' -> ERROR;
            case 'F' -> FATAL;
            default -> null;
        };
    }

    /** Whether this level counts as an error for alerts and the errors shortcut. */
    public boolean isError() {
        return this == ERROR || this == FATAL;
    }
}
