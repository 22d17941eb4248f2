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

    /** Where requests go: the url, or for {@code alertmanager-api} Alertmanager's {@code <url>/api/v2/alerts}. */
    public String target() {
        return type == ReceiverType.ALERTMANAGER_API ? url.replaceAll("/+$", "") + "/api/v2/alerts" : url;
    }

    @Override
    public String toString() {
        return "Receiver[name=" + name + ", type=" + type + ", url=<hidden>, secret=" + (secret == null ? "none" : "<hidden>") + "]";
    }
}
