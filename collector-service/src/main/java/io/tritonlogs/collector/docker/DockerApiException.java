package io.tritonlogs.collector.docker;

/** Docker answered a call with an error status. */
public final class DockerApiException extends RuntimeException {
    private final int status;

    public DockerApiException(int status, String uri, String body) {
        super("Docker answered " + status + " to " + uri + ": " + body.strip());
        this.status = status;
    }

    public int status() {
        return status;
    }
}
