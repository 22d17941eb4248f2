package io.tritonlogs.collector.positions;

import java.util.Map;
import java.util.Optional;

/**
 * Where each target was last acknowledged by Loki. Implementations keep the map in memory and
 * persist it atomically, so a restart resumes exactly after the last acknowledged line.
 */
public interface PositionStore {

    /** Log files are targets {@code file:<device>:<inode>}; their cursors are byte offsets ({@link Cursor#atOffset}). */
    String FILE_TARGET_PREFIX = "file:";

    Optional<Cursor> get(String targetId);

    /** Records an acknowledged cursor; never moves a target backwards. */
    void advance(String targetId, String targetName, Cursor cursor);

    void remove(String targetId);

    Map<String, Cursor> snapshot();

    /** The name a target was last acknowledged under (a container's name, a log file's path), or empty. */
    Optional<String> name(String targetId);

    /** Writes the current map to durable storage now. */
    void save();

    /** Unix nanoseconds when this store was first created (the collector's installation). */
    long createdAtNanos();
}
