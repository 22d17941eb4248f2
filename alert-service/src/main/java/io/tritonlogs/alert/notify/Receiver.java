package io.tritonlogs.alert.notify;

/**
 * A webhook. {@code url}, {@code secret} (HMAC key, may be null) and {@code routingKey} (PagerDuty)
 * are resolved secrets: {@link #toString()} never shows them.
 */
public record Receiver(String name, ReceiverType type, String url, String secret, String routingKey) {

    public Receiver {
        if (name == null || name.isBlank() || type == null || url == null || url.isBlank()) {
            throw new IllegalArgumentException("a receiver needs a name, a type and a url");
        }
    }

    @Override
    public String toString() {
        return "Receiver[name=" + name + ", type=" + type + ", url=<hidden>, secret=" + (secret == null ? "none" : "<hidden>") + "]";
    }
}
