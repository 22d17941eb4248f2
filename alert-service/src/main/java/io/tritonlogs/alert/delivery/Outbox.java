package io.tritonlogs.alert.delivery;

import io.quarkus.logging.Log;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.alert.notify.Notification;
import io.tritonlogs.common.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Notifications not yet delivered, one JSON file per notification under {@code <data-dir>/outbox/}
 * named by its id (written to a temp file, fsynced, renamed). A file is deleted only after the
 * receiver answered 2xx, and the id is first appended (fsynced) to {@code delivered.log}, so after a
 * restart a delivered notification is never queued or sent again. Notifications that cannot be
 * delivered (a 4xx other than 429, or older than the maximum age) move to {@code outbox/failed/}.
 * Thread-safe.
 */
public final class Outbox {

    private static final int DELIVERED_KEPT = 10_000;

    private final Path dir;
    private final Path failedDir;
    private final Path deliveredLog;
    private final Set<String> delivered = new LinkedHashSet<>();
    private final ObjectMapper json;

    /** {@code json} writes and reads the entries; it must handle {@code java.time} types. */
    public Outbox(Path dataDir, ObjectMapper json) {
        this.json = json;
        this.dir = dataDir.resolve("outbox");
        this.failedDir = dir.resolve("failed");
        this.deliveredLog = dataDir.resolve("delivered.log");
        try {
            Files.createDirectories(failedDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox under " + dataDir, e);
        }
        reloadDelivered();
        for (OutboxEntry entry : entries()) {
            if (delivered.contains(entry.notification().id())) {
                // delivered, then the process stopped before the file was deleted
                delete(entry.notification().id());
            }
        }
    }

    /**
     * Reads the log of delivered notifications again: a stand-by replica that takes the Lease must
     * not send again what the previous leader delivered.
     */
    public synchronized void reloadDelivered() {
        delivered.clear();
        try {
            if (Files.exists(deliveredLog)) {
                List<String> ids = Files.readAllLines(deliveredLog, StandardCharsets.UTF_8);
                ids.stream().skip(Math.max(0, ids.size() - DELIVERED_KEPT)).filter(s -> !s.isBlank()).forEach(delivered::add);
                if (ids.size() > DELIVERED_KEPT) {
                    AtomicFiles.write(deliveredLog, (String.join("\n", delivered) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the delivered log " + deliveredLog, e);
        }
    }

    /** Queues {@code n} durably; false when it is already queued or was delivered. */
    public synchronized boolean enqueue(Notification n) {
        if (delivered.contains(n.id()) || Files.exists(file(n.id()))) {
            return false;
        }
        write(new OutboxEntry(n, 0, n.createdAt(), null));
        return true;
    }

    public synchronized void write(OutboxEntry entry) {
        try {
            AtomicFiles.write(file(entry.notification().id()), json.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write outbox entry " + entry.notification().id(), e);
        }
    }

    /** Every waiting notification, oldest first. */
    public synchronized List<OutboxEntry> entries() {
        List<OutboxEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    entries.add(json.readValue(f.toFile(), OutboxEntry.class));
                } catch (IOException e) {
                    Log.errorf("Unreadable outbox file %s left in place: %s", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparing((OutboxEntry e) -> e.notification().createdAt()).thenComparing(e -> e.notification().id()));
        return entries;
    }

    public synchronized void markDelivered(String id) {
        try (FileChannel log = FileChannel.open(deliveredLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            log.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            log.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record delivery of " + id, e);
        }
        delivered.add(id);
        delete(id);
    }

    public synchronized void moveToFailed(OutboxEntry entry) {
        try {
            AtomicFiles.write(failedDir.resolve(entry.notification().id() + ".json"), json.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(entry.notification().id());
    }

    public synchronized boolean wasDelivered(String id) {
        return delivered.contains(id);
    }

    private void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete outbox entry " + id, e);
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }
}
