package io.tritonlogs.collector.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.collector.testing.UnixSocketForwarder;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code DOCKER_HOST=tcp://…}, as behind a Docker socket proxy: the real engine, reached over loopback TCP. */
class DockerApiOverTcpTest {

    @Test
    void pingListInspectAndFollowLogsOverTcp() throws Exception {
        String name = "tlt-tcp-" + UUID.randomUUID().toString().substring(0, 8);
        Vertx vertx = Vertx.vertx();
        try (UnixSocketForwarder forwarder = new UnixSocketForwarder(Path.of("/var/run/docker.sock"))) {
            Busybox.start(name, false, "echo 'I1201 10:30:45.123456 1 a.cc:1] over tcp'; echo 'E1201 10:30:45.123457 1 a.cc:2] to stderr' >&2; sleep 60");
            DockerApi api = new DockerApi(vertx, "tcp://127.0.0.1:" + forwarder.port(), new ObjectMapper());
            api.ping().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<String> ids = api.listContainerIds(false).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ContainerInfo info = null;
            for (String id : ids) {
                ContainerInfo candidate = api.inspect(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                if (candidate.name().equals(name)) {
                    info = candidate;
                }
            }
            assertThat(info).as("the container, listed and inspected over tcp").isNotNull();
            assertThat(info.running()).isTrue();

            List<String> lines = new CopyOnWriteArrayList<>();
            LogStreamDecoder decoder = new LogStreamDecoder(false, 1 << 20,
                    (stderr, ts, text, bytes, defects) -> lines.add((stderr ? "stderr " : "stdout ") + text));
            RawHttpStream stream = api.followLogs(info.id(), "0").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            stream.handler(decoder::feed);
            stream.resume();
            Await.until(Duration.ofSeconds(30), "both lines over tcp", () -> lines.size() >= 2);
            assertThat(lines).containsExactlyInAnyOrder("stdout I1201 10:30:45.123456 1 a.cc:1] over tcp",
                    "stderr E1201 10:30:45.123457 1 a.cc:2] to stderr");
            stream.close();
            api.close();
        } finally {
            Busybox.remove(name);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
