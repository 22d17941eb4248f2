package io.tritonlogs.collector.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.tritonlogs.collector.pipeline.TargetPipelineFactory;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.collector.shipping.SendQueue;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.source.TargetStatus;
import io.tritonlogs.collector.supervision.Workers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Tails the node's log files: {@code <pods>/<namespace>_<pod>_<uid>/<container>/<n>.log} (CRI)
 * and, when configured, Docker's {@code <containers>/<id>/<id>-json.log}. Files are known by
 * identity (device + inode), so a rename keeps its position; a file renamed away or deleted is
 * read to its end before it is let go; a file that shrank was truncated (copytruncate) and is
 * read again from the start. New files are found by polling (inotify is unreliable on hostPath
 * mounts), every {@code pollInterval}. One thread reads every file and runs their pipelines.
 */
public final class FileSource implements LogSource {

    private static final int READ_SLICE = 1024 * 1024;
    private static final Duration ROTATED_GRACE = Duration.ofSeconds(2);
    /**
     * File systems stamp modification times from a coarse kernel clock (a few milliseconds behind
     * the wall clock): a file rotated just as the collector was installed must not look older.
     */
    private static final Duration FILE_CLOCK_SLACK = Duration.ofSeconds(2);
    /** How long a new pod's file waits for the pod's labels before it is followed with its pod name for service. */
    static final Duration LABEL_WAIT = Duration.ofSeconds(3);

    private final Path podsDir;
    private final Optional<Path> dockerContainersDir;
    private final Duration pollInterval;
    private final TargetPipelineFactory pipelines;
    private final PositionStore positions;
    private final SendQueue queue;
    private final PodMetadata pods;
    private final FileDefects defects;
    private final int maxLineBytes;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, FileTailer> tailers = new LinkedHashMap<>();
    /** Files read to their end whose head matched their position, as (size, mtime) then: unchanged, not opened again. */
    private final Map<String, SizeAndTime> headMatched = new HashMap<>();
    private final RotatedCopies copies = new RotatedCopies();
    /**
     * Where files were let go that had nothing acknowledged of their own (a copy that held nothing
     * new): without this, discovery would take them for new files again at every pass.
     */
    private final Map<String, Cursor> released = new HashMap<>();
    private final Workers workers;
    private Thread thread;

    private volatile boolean running = true;
    private volatile boolean healthy;
    private volatile String lastError;
    private volatile List<TargetStatus> snapshot = List.of();
    private long lastDiscoveryNanos;

    public FileSource(Path podsDir, Optional<Path> dockerContainersDir, Duration pollInterval, TargetPipelineFactory pipelines,
                      PositionStore positions, SendQueue queue, PodMetadata pods, FileDefects defects, int maxLineBytes, Workers workers) {
        this.podsDir = podsDir;
        this.dockerContainersDir = dockerContainersDir;
        this.pollInterval = pollInterval;
        this.pipelines = pipelines;
        this.positions = positions;
        this.queue = queue;
        this.pods = pods;
        this.defects = defects;
        this.maxLineBytes = maxLineBytes;
        this.workers = workers;
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
        tailers.values().forEach(t -> t.pipeline().flush());
        tailers.values().forEach(FileTailer::close);
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
            progressed = readAll();
            releaseFinished();
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

    /**
     * Reads every file a slice at a time; files rotated away first, and each of those to its end
     * (or until the buffer is full), so a container's older lines go first: a rotated file read a
     * slice at a time beside its successor would interleave their lines in one stream.
     */
    private boolean readAll() {
        boolean progressed = false;
        List<FileTailer> ordered = new ArrayList<>(tailers.values());
        ordered.sort(Comparator.comparing((FileTailer t) -> !t.rotatedAway()).thenComparingLong(FileTailer::modifiedMillis));
        for (FileTailer tailer : ordered) {
            if (queue.isFull()) {
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
                        copies.truncated(tailer.path(), truncation.fullHeadChecksum(), truncation.offset());
                    }
                } while (read > 0 && tailer.rotatedAway() && !queue.isFull());
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

    /** Backpressure: wait (bounded) until the shipper has freed half the buffer. */
    private void awaitRoom() {
        CountDownLatch room = new CountDownLatch(1);
        queue.whenBelowLowWatermark(room::countDown);
        try {
            room.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets go of files that were rotated away or deleted once they were read to the end and stayed quiet. */
    private void releaseFinished() {
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
            if (positions.get(id).isEmpty()) {
                released.put(id, Cursor.atOffset(tailer.readOffset(), tailer.fullHeadChecksum()));
            }
            tailer.close();
            // Its position stays while the file exists, so the next discovery pass knows it was read.
            Log.debugf("finished rotated file %s", tailer.path());
        }
    }

    /** A log file as one discovery pass saw it. */
    private record Found(String id, Path path, boolean current, long modifiedMillis, long size) {
    }

    private record SizeAndTime(long size, long modifiedMillis) {
    }

    private void discover() {
        Map<String, Found> seen = new LinkedHashMap<>();
        try {
            if (Files.isDirectory(podsDir)) {
                for (Path podDir : list(podsDir)) {
                    for (Path containerDir : list(podDir)) {
                        scan(containerDir, name -> name.endsWith(".log"), name -> name.contains(".log.") && !name.endsWith(".gz"), seen);
                    }
                }
                healthy = true;
                lastError = null;
            } else {
                healthy = dockerContainersDir.isPresent();
                lastError = "pod log directory " + podsDir + " does not exist";
            }
            if (dockerContainersDir.isPresent() && Files.isDirectory(dockerContainersDir.get())) {
                for (Path dir : list(dockerContainersDir.get())) {
                    String log = dir.getFileName() + "-json.log";
                    scan(dir, log::equals, name -> name.startsWith(log + ".") && !name.endsWith(".gz"), seen);
                }
            }
        } catch (IOException e) {
            healthy = false;
            lastError = "cannot list " + podsDir + ": " + e.getMessage();
            Log.warnf("%s", lastError);
            return;
        }
        for (Found found : seen.values()) {
            FileTailer existing = tailers.get(found.id());
            if (existing != null) {
                existing.movedTo(found.path());
                if (!found.current()) {
                    existing.markRotatedAway();
                }
                continue;
            }
            Optional<Cursor> position = positions.get(found.id()).or(() -> Optional.ofNullable(released.get(found.id())));
            if (position.isPresent() && !startsAsBefore(found, position.get())) {
                if (!found.current()) {
                    // A rotated name on an inode we read before but with other first bytes: most
                    // likely a copy (copytruncate) that got a released copy's inode back.
                    followRotated(found, true);
                    continue;
                }
                Log.warnf("%s has the device and inode of a file read before but not its first bytes (a reused inode, or"
                        + " truncated and written again while we were away): reading it from its start", found.path());
                defects.truncatedFile(found.path());
                if (position.get().byteOffset() >= FileHead.BYTES) {
                    copies.truncated(found.path(), position.get().headChecksum(), position.get().byteOffset());
                }
                follow(found, Cursor.atOffset(0, 0));
            } else if (position.isPresent()) {
                if (found.size() > position.get().byteOffset() || found.current()) {
                    follow(found, position.get());
                }
            } else if (found.current()) {
                follow(found, Cursor.atOffset(0, 0));
            } else if (found.modifiedMillis() * 1_000_000L >= positions.createdAtNanos() - FILE_CLOCK_SLACK.toNanos()) {
                // A rotated file we never saw was rotated while we ran (or were down): read it,
                // unless it is a copy of a file we read. Rotated files older than this collector's
                // installation are history, not ours to ship.
                followRotated(found, false);
            }
        }
        Set<String> gone = new HashSet<>(tailers.keySet());
        gone.removeAll(seen.keySet());
        for (String id : gone) {
            tailers.get(id).markRotatedAway(); // deleted: read what is left through the open handle
        }
        for (String id : positions.snapshot().keySet()) {
            if (id.startsWith(PositionStore.FILE_TARGET_PREFIX) && !seen.containsKey(id) && !tailers.containsKey(id)) {
                positions.remove(id); // the file is gone from disk
            }
        }
        headMatched.keySet().retainAll(seen.keySet());
        released.keySet().retainAll(seen.keySet());
    }

    /**
     * A rotated file we have no position for: a rename's successor we missed, or a copy (copytruncate,
     * under any name) of a file we are reading or have read. A copy is known by its first bytes: it
     * continues where its original was read up to, so no line is shipped twice. While the original
     * is still read and not yet truncated, the copy waits; once the original was read past the
     * copy's end, the copy holds nothing new. A gzip file is never read as text.
     */
    private void followRotated(Found found, boolean inodeReadBefore) {
        int head;
        try {
            if (FileHead.isCompressed(found.path())) {
                return;
            }
            head = FileHead.fullChecksum(found.path());
        } catch (IOException e) {
            return; // gone or unreadable now; the next pass looks again
        }
        if (head != 0) {
            Path directory = found.path().getParent();
            for (FileTailer original : tailers.values()) {
                if (original.fullHeadChecksum() == head && directory.equals(original.path().getParent())) {
                    if (original.readOffset() >= found.size()) {
                        positions.advance(found.id(), found.path().toString(), Cursor.atOffset(found.size(), head));
                        Log.infof("%s is a copy of %s, which was read past its end: nothing in it to ship", found.path(), original.path());
                    }
                    return;
                }
            }
            OptionalLong at = copies.continueAt(found.path(), head);
            if (at.isEmpty()) {
                at = positionWithHead(found, head);
            }
            if (at.isPresent()) {
                long start = Math.min(at.getAsLong(), found.size());
                Log.infof("%s is a copy of a file truncated after %d bytes were read: continuing it from there", found.path(), start);
                follow(found, Cursor.atOffset(start, head));
                return;
            }
        }
        if (inodeReadBefore) {
            Log.warnf("%s has the device and inode of a file read before but not its first bytes, and copies no file we read:"
                    + " reading it from its start", found.path());
            defects.truncatedFile(found.path());
        }
        follow(found, Cursor.atOffset(0, 0));
    }

    /**
     * The offset of a saved position, of a file in the copy's directory not followed now (read
     * before a restart), whose full head has this checksum.
     */
    private OptionalLong positionWithHead(Found copy, int head) {
        Path directory = copy.path().getParent();
        for (Map.Entry<String, Cursor> p : positions.snapshot().entrySet()) {
            String id = p.getKey();
            Cursor cursor = p.getValue();
            if (!id.equals(copy.id()) && id.startsWith(PositionStore.FILE_TARGET_PREFIX) && !tailers.containsKey(id)
                    && cursor.byteOffset() >= FileHead.BYTES && cursor.headChecksum() == head
                    && positions.name(id).map(name -> directory.equals(Path.of(name).getParent())).orElse(false)) {
                return OptionalLong.of(cursor.byteOffset());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Adds one directory's current and rotated log files to {@code seen}. When its current file is
     * one we do not follow yet, the directory is listed a second time: a rotation renames the old
     * file before it creates the new one, so a listing taken before the rename and a look at the
     * current name after it would show the new file without the rotated one, whose older lines
     * would then be read after the new file's.
     */
    private void scan(Path dir, Predicate<String> current, Predicate<String> rotated, Map<String, Found> seen) throws IOException {
        boolean newCurrent = false;
        for (Path file : list(dir)) {
            String name = file.getFileName().toString();
            boolean isCurrent = current.test(name);
            if (isCurrent || rotated.test(name)) {
                Optional<Found> found = found(file, isCurrent);
                found.ifPresent(f -> seen.put(f.id(), f));
                newCurrent |= isCurrent && found.isPresent() && !tailers.containsKey(found.get().id());
            }
        }
        if (newCurrent) {
            for (Path file : list(dir)) {
                String name = file.getFileName().toString();
                if (rotated.test(name)) {
                    // The later look wins: the file taken for current may be this rotated one by now.
                    found(file, false).ifPresent(f -> seen.put(f.id(), f));
                }
            }
        }
    }

    private static Optional<Found> found(Path file, boolean current) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino,lastModifiedTime,size,isRegularFile",
                    LinkOption.NOFOLLOW_LINKS);
            if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
                return Optional.empty();
            }
            String id = PositionStore.FILE_TARGET_PREFIX + attributes.get("dev") + ":" + attributes.get("ino");
            long modified = ((java.nio.file.attribute.FileTime) attributes.get("lastModifiedTime")).toMillis();
            return Optional.of(new Found(id, file, current, modified, (Long) attributes.get("size")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Rotated files read to their end keep their positions and are seen again every pass; their
     * heads are read again only when their size or modification time changed.
     */
    private boolean startsAsBefore(Found found, Cursor position) {
        SizeAndTime now = new SizeAndTime(found.size(), found.modifiedMillis());
        if (now.equals(headMatched.get(found.id()))) {
            return true;
        }
        try {
            boolean matches = FileHead.matches(found.path(), position.byteOffset(), position.headChecksum());
            if (matches) {
                headMatched.put(found.id(), now);
            }
            return matches;
        } catch (IOException e) {
            return true; // unreadable now: following it reports why
        }
    }

    private void follow(Found found, Cursor start) {
        Path file = found.path();
        boolean cri = file.startsWith(podsDir);
        Map<String, String> labels = cri ? podLabels(file) : dockerLabels(file);
        if (labels == null) {
            return;
        }
        try {
            FileTailer tailer = new FileTailer(found.id(), file, cri ? LogFileFormat.CRI : LogFileFormat.DOCKER_JSON, start.byteOffset(),
                    pipelines.create(found.id(), file.toString(), labels, start), maxLineBytes, defects);
            if (!found(file, found.current()).map(Found::id).filter(found.id()::equals).isPresent()) {
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
     * The contract's labels of a pod's log file; null while the pod's labels are being looked up
     * (for at most {@link #LABEL_WAIT}: the file is followed in a later pass, from where it was).
     */
    private Map<String, String> podLabels(Path file) {
        Optional<PodLogPath> pod = PodLogPath.parse(podsDir, file);
        if (pod.isEmpty()) {
            return null;
        }
        PodLogPath p = pod.get();
        PodMetadata.PodLabels known = pods.lookup(p.namespace(), p.pod());
        if (known.state() == PodMetadata.PodLabels.State.PENDING && known.pendingFor().compareTo(LABEL_WAIT) < 0) {
            return null;
        }
        String service = known.state() == PodMetadata.PodLabels.State.KNOWN
                ? firstNonBlank(known.labels().get("app.kubernetes.io/name"), known.labels().get("app"))
                : null;
        Map<String, String> labels = new HashMap<>();
        labels.put("namespace", p.namespace());
        labels.put("pod", p.pod());
        labels.put("container", p.container());
        labels.put("service", service != null ? service : p.serviceFromPodName());
        return labels;
    }

    /** Name and compose service from Docker's {@code config.v2.json} next to the log. */
    private Map<String, String> dockerLabels(Path file) {
        Path config = file.getParent().resolve("config.v2.json");
        String name = file.getParent().getFileName().toString().substring(0, Math.min(12, file.getParent().getFileName().toString().length()));
        String service = null;
        try {
            JsonNode root = json.readTree(config.toFile());
            name = root.path("Name").asText(name).replaceFirst("^/", "");
            service = firstNonBlank(root.path("Config").path("Labels").path("com.docker.compose.service").asText(null),
                    root.path("Config").path("Labels").path("app").asText(null));
        } catch (IOException e) {
            Log.debugf("no readable %s: naming the container by id", config);
        }
        return Map.of("container", name, "service", service != null ? service : name);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (java.nio.file.NoSuchFileException vanished) {
            return entries;
        }
        entries.sort(null);
        return entries;
    }

    private void publishSnapshot() {
        List<TargetStatus> statuses = new ArrayList<>(tailers.size());
        for (FileTailer t : tailers.values()) {
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
