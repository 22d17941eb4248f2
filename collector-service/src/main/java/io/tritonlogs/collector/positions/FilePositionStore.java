package io.tritonlogs.collector.positions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.tritonlogs.common.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Positions in a JSON file, replaced atomically on every save ({@link AtomicFiles}): a crash
 * leaves either the old or the new file, never half of one.
 * A file that cannot be read is moved aside and reported, not silently ignored.
 */
public final class FilePositionStore implements PositionStore {

    private record Entry(String name, Cursor cursor) {
    }

    private final Path file;
    private final ObjectMapper json;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long createdAtNanos;
    private volatile boolean dirty;

    public FilePositionStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        this.createdAtNanos = load();
    }

    private long load() {
        if (!Files.exists(file)) {
            return System.currentTimeMillis() * 1_000_000L;
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("targets").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> target = it.next();
                JsonNode node = target.getValue();
                Cursor cursor = isFile(target.getKey()) && node.has("offset")
                        ? Cursor.atOffset(node.path("offset").asLong(), (int) node.path("head_crc32").asLong())
                        : new Cursor(node.path("timestamp_ns").asLong(), node.path("count").asInt());
                entries.put(target.getKey(), new Entry(node.path("name").asText(""), cursor));
            }
            return root.path("created_at_ns").asLong(System.currentTimeMillis() * 1_000_000L);
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            Log.errorf("positions file %s cannot be read (%s); moved it to %s and starting without positions",
                    file, e.getMessage(), aside);
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                Log.errorf("could not move %s aside: %s", file, moveFailed.getMessage());
            }
            return System.currentTimeMillis() * 1_000_000L;
        }
    }

    @Override
    public Optional<Cursor> get(String targetId) {
        Entry entry = entries.get(targetId);
        return entry == null ? Optional.empty() : Optional.of(entry.cursor());
    }

    @Override
    public void advance(String targetId, String targetName, Cursor cursor) {
        entries.merge(targetId, new Entry(targetName, cursor),
                (old, updated) -> movesOn(targetId, old.cursor(), updated.cursor()) ? updated : new Entry(targetName, old.cursor()));
        dirty = true;
    }

    @Override
    public void remove(String targetId) {
        if (entries.remove(targetId) != null) {
            dirty = true;
        }
    }

    @Override
    public Map<String, Cursor> snapshot() {
        Map<String, Cursor> copy = new LinkedHashMap<>();
        entries.forEach((id, entry) -> copy.put(id, entry.cursor()));
        return copy;
    }

    @Override
    public Optional<String> name(String targetId) {
        Entry entry = entries.get(targetId);
        return entry == null || entry.name().isEmpty() ? Optional.empty() : Optional.of(entry.name());
    }

    @Override
    public long createdAtNanos() {
        return createdAtNanos;
    }

    @Override
    public synchronized void save() {
        if (!dirty && Files.exists(file)) {
            return;
        }
        dirty = false;
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        root.put("created_at_ns", createdAtNanos);
        ObjectNode targets = root.putObject("targets");
        entries.forEach((id, entry) -> {
            ObjectNode node = targets.putObject(id);
            node.put("name", entry.name());
            if (isFile(id)) {
                node.put("offset", entry.cursor().byteOffset());
                node.put("head_crc32", Integer.toUnsignedLong(entry.cursor().headChecksum()));
            } else {
                node.put("timestamp_ns", entry.cursor().timestampNanos());
                node.put("count", entry.cursor().countAtTimestamp());
            }
        });
        try {
            AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            dirty = true;
            throw new UncheckedIOException("could not save positions to " + file, e);
        }
    }

    /**
     * Acknowledgements come in order, but a position never goes back: except for a file read again
     * from its start (truncated in place, or its inode taken by another file), whose new content
     * has another head. Kept at the old offset, a restart would take the new content for the old.
     */
    private static boolean movesOn(String targetId, Cursor old, Cursor updated) {
        return updated.compareTo(old) >= 0 || (isFile(targetId) && updated.headChecksum() != old.headChecksum());
    }

    private static boolean isFile(String id) {
        return id.startsWith(FILE_TARGET_PREFIX);
    }
}
