package io.tritonlogs.collector.docker;

/** Where a container's follower is. */
public enum FollowerState {
    /** Asking Docker for the log stream. */
    CONNECTING,
    /** Reading the log stream. */
    FOLLOWING,
    /** The container is not running; waiting for it to start again. */
    STOPPED,
    /** Docker could not be reached; retrying. */
    RETRYING,
    /** The container was removed and its log read to the end. */
    REMOVED
}
