package io.tritonlogs.alert.notify;

import java.util.Map;

/** The receivers file: receivers by name and the root route (null when there are no receivers). */
public record ReceiversConfig(Map<String, Receiver> receivers, Route route) {
    public ReceiversConfig {
        receivers = receivers == null ? Map.of() : Map.copyOf(receivers);
    }

    public static ReceiversConfig none() {
        return new ReceiversConfig(Map.of(), null);
    }
}
