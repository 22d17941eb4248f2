package io.tritonlogs.collector.positions;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FilePositionStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedPositionsSurviveARestartAndNeverMoveBack() {
        Path file = dir.resolve("positions.json");
        FilePositionStore store = new FilePositionStore(file, new ObjectMapper());
        store.advance("a", "triton", new Cursor(100, 2));
        store.advance("a", "triton", new Cursor(90, 5));
        store.save();
        FilePositionStore reopened = new FilePositionStore(file, new ObjectMapper());
        assertThat(reopened.get("a")).contains(new Cursor(100, 2));
        assertThat(reopened.createdAtNanos()).isEqualTo(store.createdAtNanos());
        assertThat(dir.resolve("positions.json.tmp")).doesNotExist();
    }

    @Test
    void fileTargetsKeepTheirOffsetAndHeadChecksumUnderTheirOwnNames() throws Exception {
        Path file = dir.resolve("positions.json");
        FilePositionStore store = new FilePositionStore(file, new ObjectMapper());
        store.advance("file:2049:131", "/var/log/pods/ns_p_uid/c/0.log", Cursor.atOffset(7692, 0xCAFEBABE));
        store.advance("abc123", "triton", new Cursor(1_700_000_000_000_000_000L, 3));
        store.save();

        String json = Files.readString(file);
        assertThat(json).contains("\"offset\" : 7692", "\"head_crc32\" : " + 0xCAFEBABEL, "\"timestamp_ns\" : 1700000000000000000");
        FilePositionStore reopened = new FilePositionStore(file, new ObjectMapper());
        assertThat(reopened.get("file:2049:131")).contains(Cursor.atOffset(7692, 0xCAFEBABE));
        assertThat(reopened.get("abc123")).contains(new Cursor(1_700_000_000_000_000_000L, 3));
    }

    @Test
    void fileTargetsSavedBeforeHeadChecksumsKeepTheirOffset() throws Exception {
        Path file = dir.resolve("positions.json");
        Files.writeString(file, """
                {"version": 1, "created_at_ns": 1, "targets": {"file:2049:131": {"name": "0.log", "timestamp_ns": 7692, "count": 0}}}
                """);
        assertThat(new FilePositionStore(file, new ObjectMapper()).get("file:2049:131")).contains(Cursor.atOffset(7692, 0));
    }

    @Test
    void unreadableFileIsMovedAsideNotSilentlyOverwritten() throws Exception {
        Path file = dir.resolve("positions.json");
        Files.writeString(file, "{not json");
        FilePositionStore store = new FilePositionStore(file, new ObjectMapper());
        assertThat(store.snapshot()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("positions.json.corrupt-"));
        }
    }
}
