package io.tritonlogs.collector.source;

import java.util.List;
import java.util.Optional;

/** Where lines come from: the Docker Engine API or the node's log files. Both feed the same pipeline and shipper. */
public interface LogSource {

    void start();

    /** Stops reading and emits pending entries, so the shipper can send them before exit. */
    void stop();

    /** Whether the source can read (Docker reachable, log directory readable). */
    boolean healthy();

    Optional<String> lastError();

    List<TargetStatus> targets();

    int targetCount();

    /** {@code docker} or {@code files}. */
    String kind();
}
