package io.tritonlogs.collector.files;

import io.quarkus.logging.Log;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.source.FlowControl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The files being read, by identity: opened where they are to start, read a slice at a time while
 * there is room downstream, and let go once they were rotated away or deleted, read to their end,
 * and stayed quiet. Used by the file source's thread only.
 */
final class FollowedFiles {

    private static final int READ_SLICE = 1024 * 1024;
    private static final Duration ROTATED_GRACE = Duration.ofSeconds(2);

    private final Map<String, FileTailer> tailers = new LinkedHashMap<>();
    private final Map<String, FileTailer> readOnly = Collections.unmodifiableMap(tailers);
    private final FlowControl flowControl;
    private final StartPositions starts;
    private final FileDefects defects;
    private final int maxLineBytes;

    FollowedFiles(FlowControl flowControl, StartPositions starts, FileDefects defects, int maxLineBytes) {
        this.flowControl = flowControl;
        this.starts = starts;
        this.defects = defects;
        this.maxLineBytes = maxLineBytes;
    }

    boolean contains(String id) {
        return tailers.containsKey(id);
    }

    /** The files being read, by identity (a read-only view). */
    Map<String, FileTailer> byId() {
        return readOnly;
    }

    Collection<FileTailer> all() {
        return readOnly.values();
    }

    /**
     * Notes where a file being read is now (a rotated name: it was rotated away); false when
     * {@code found} is not being read.
     */
    boolean update(FoundFile found) {
        FileTailer existing = tailers.get(found.id());
        if (existing == null) {
            return false;
        }
        existing.movedTo(found.path());
        if (!found.current()) {
            existing.markRotatedAway();
        }
        return true;
    }

    /** The files being read that discovery no longer {@code seen} were deleted: what is left is read through the open handle. */
    void markGone(Set<String> seen) {
        for (Map.Entry<String, FileTailer> followed : tailers.entrySet()) {
            if (!seen.contains(followed.getKey())) {
                followed.getValue().markRotatedAway();
            }
        }
    }

    /** Opens {@code found} at {@code start} to read into {@code pipeline}. */
    void follow(FoundFile found, Cursor start, TargetPipeline pipeline) {
        Path file = found.path();
        try {
            FileTailer tailer = new FileTailer(found.id(), file, found.format(), start.byteOffset(), pipeline, maxLineBytes, defects);
            if (!FoundFile.look(file, found.format(), found.current()).map(FoundFile::id).filter(found.id()::equals).isPresent()) {
                // The name moved on between the look and the open (a rotation): what was opened may
                // be another file. The next pass sees each file where it now is.
                tailer.close();
                return;
            }
            if (!found.current()) {
                tailer.markRotatedAway();
            }
            tailer.modifiedMillis(found.modifiedMillis());
            tailers.put(found.id(), tailer);
            Log.infof("following %s from byte %d", file, start.byteOffset());
        } catch (IOException e) {
            Log.warnf("cannot open %s: %s", file, e.getMessage());
        }
    }

    /**
     * Reads every file a slice at a time; files rotated away first, and each of those to its end
     * (or until downstream is full), so a container's older lines go first: a rotated file read a
     * slice at a time beside its successor would interleave their lines in one stream. Returns
     * whether anything was read (or reading waited for room).
     */
    boolean readAll() {
        boolean progressed = false;
        List<FileTailer> ordered = new ArrayList<>(tailers.values());
        ordered.sort(Comparator.comparing((FileTailer t) -> !t.rotatedAway()).thenComparingLong(FileTailer::modifiedMillis));
        for (FileTailer tailer : ordered) {
            if (flowControl.isFull()) {
                awaitRoom();
                return true;
            }
            try {
                int read;
                do {
                    read = tailer.read(READ_SLICE);
                    progressed |= read > 0;
                    FileTailer.Truncation truncation = tailer.takeTruncation();
                    if (truncation != null) {
                        starts.truncated(tailer.path(), truncation);
                    }
                } while (read > 0 && tailer.rotatedAway() && !flowControl.isFull());
                if (tailer.rotatedAway() && tailer.atEnd()) {
                    // Nothing more will follow a rotated file's last record: emit it now, before
                    // the lines of the file that replaced it.
                    tailer.pipeline().flush();
                }
            } catch (IOException e) {
                tailer.failed(e.getMessage());
                Log.warnf("cannot read %s: %s", tailer.path(), e.getMessage());
            }
            tailer.pipeline().flushIfIdle();
        }
        return progressed;
    }

    /** Backpressure: wait (bounded) until downstream has room again. */
    private void awaitRoom() {
        CountDownLatch room = new CountDownLatch(1);
        flowControl.whenBelowLowWatermark(room::countDown);
        try {
            room.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets go of files that were rotated away or deleted once they were read to the end and stayed quiet. */
    void releaseFinished() {
        List<String> done = new ArrayList<>();
        for (FileTailer tailer : tailers.values()) {
            try {
                if (tailer.rotatedAway() && tailer.atEnd() && tailer.idleNanos() > ROTATED_GRACE.toNanos()) {
                    done.add(tailer.id());
                }
            } catch (IOException e) {
                done.add(tailer.id());
            }
        }
        for (String id : done) {
            FileTailer tailer = tailers.remove(id);
            tailer.pipeline().flush();
            starts.letGo(tailer);
            tailer.close();
            Log.debugf("finished rotated file %s", tailer.path());
        }
    }

    /** Emits what every file's pipeline holds, then closes the files. */
    void closeAll() {
        tailers.values().forEach(t -> t.pipeline().flush());
        tailers.values().forEach(FileTailer::close);
    }
}
