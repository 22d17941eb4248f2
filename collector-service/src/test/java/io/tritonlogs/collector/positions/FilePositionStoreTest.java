package io.tritonlogs.collector.positions;

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
        FilePositionStore store = new FilePositionStore(file);
        store.advance("a", "triton", new Cursor(100, 2));
        store.advance("a", "triton", new Cursor(90, 5));
        store.save();
        FilePositionStore reopened = new FilePositionStore(file);
        assertThat(reopened.get("a")).contains(new Cursor(100, 2));
        assertThat(reopened.createdAtNanos()).isEqualTo(store.createdAtNanos());
        assertThat(dir.resolve("positions.json.tmp")).doesNotExist();
    }

    @Test
    void unreadableFileIsMovedAsideNotSilentlyOverwritten() throws Exception {
        Path file = dir.resolve("positions.json");
        Files.writeString(file, "{not json");
        FilePositionStore store = new FilePositionStore(file);
        assertThat(store.snapshot()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("positions.json.corrupt-"));
        }
    }
}
