package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.tritonlogs.collector.pipeline.TargetPipelineFactory;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.collector.source.FlowControl;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.source.TargetStatus;
import io.tritonlogs.collector.supervision.Workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tails the node's log files ({@link LogFileDiscovery} says which). Files are known by identity
 * (device + inode), so a rename keeps its position; a file renamed away or deleted is read to its
 * end before it is let go; a file that shrank was truncated (copytruncate) and is read again from
 * the start. New files are found every {@code pollInterval}. One thread reads every file and runs
 * their pipelines, pausing while {@link FlowControl} says downstream is full.
 */
public final class FileSource implements LogSource {

    private final Duration pollInterval;
    private final TargetPipelineFactory pipelines;
    private final PositionStore positions;
    private final PodMetadata pods;
    private final Workers workers;
    private final LogFileDiscovery discovery;
    private final StartPositions starts;
    private final FollowedFiles followed;
    private final FileLabels labels;
    private Thread thread;

    private volatile boolean running = true;
    private volatile boolean healthy;
    private volatile String lastError;
    private volatile List<TargetStatus> snapshot = List.of();
    private long lastDiscoveryNanos;

    public FileSource(Path podsDir, Optional<Path> dockerContainersDir, Duration pollInterval, TargetPipelineFactory pipelines,
                      PositionStore positions, FlowControl flowControl, PodMetadata pods, FileDefects defects, int maxLineBytes,
                      Workers workers, ObjectMapper json) {
        this.pollInterval = pollInterval;
        this.pipelines = pipelines;
        this.positions = positions;
        this.pods = pods;
        this.workers = workers;
        this.discovery = new LogFileDiscovery(podsDir, dockerContainersDir);
        this.starts = new StartPositions(positions, defects);
        this.followed = new FollowedFiles(flowControl, starts, defects, maxLineBytes);
        this.labels = new FileLabels(podsDir, pods, json);
    }

    /** Starts the reader's thread under supervision: a surprise in a pass is logged, counted, and the next pass follows. */
    @Override
    public void start() {
        thread = workers.runSupervised("file-source", () -> true, heartbeat -> pass());
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        followed.closeAll();
        pods.close();
    }

    /** One pass: discovery when due, a slice of every file, letting go of finished ones. */
    private boolean pass() {
        if (!running) {
            return false;
        }
        boolean progressed;
        try {
            if (System.nanoTime() - lastDiscoveryNanos >= pollInterval.toNanos()) {
                discover();
                lastDiscoveryNanos = System.nanoTime();
            }
            progressed = followed.readAll();
            followed.releaseFinished();
            publishSnapshot();
        } catch (RuntimeException e) {
            lastError = e.toString();
            throw e;
        }
        if (!progressed) {
            sleep(Math.max(10, Math.min(100, pollInterval.toMillis() / 2)));
        }
        return running;
    }

    private void discover() {
        DiscoveredFiles found = discovery.discover(followed::contains);
        healthy = found.healthy();
        lastError = found.problem();
        if (!found.listed()) {
            Log.warnf("%s", lastError);
            return;
        }
        for (FoundFile file : found.byId().values()) {
            if (!followed.update(file)) {
                starts.of(file, followed.byId()).ifPresent(start -> follow(file, start));
            }
        }
        followed.markGone(found.byId().keySet());
        starts.forgetGone(found.byId().keySet(), followed::contains);
    }

    private void follow(FoundFile file, Cursor start) {
        labels.of(file).ifPresent(
                l -> followed.follow(file, start, pipelines.create(file.id(), file.path().toString(), l, start)));
    }

    private void publishSnapshot() {
        List<TargetStatus> statuses = new ArrayList<>(followed.all().size());
        for (FileTailer t : followed.all()) {
            statuses.add(new TargetStatus(t.id(), t.path().toString(), Map.of(), t.rotatedAway() ? "ROTATED" : "TAILING",
                    false, false, positions.get(t.id()).orElse(null), t.pipeline().readCursor(), t.lastError()));
        }
        snapshot = statuses;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public List<TargetStatus> targets() {
        return snapshot;
    }

    @Override
    public int targetCount() {
        return snapshot.size();
    }

    @Override
    public String kind() {
        return "files";
    }
}
