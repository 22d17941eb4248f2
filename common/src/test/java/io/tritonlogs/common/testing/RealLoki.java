package io.tritonlogs.common.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Loki that tests run against, decided once per test JVM:
 * <ol>
 * <li>{@code LOKI_URL}, when it is set;</li>
 * <li>otherwise the Loki image that {@code docker-compose.yml} pins, with the repository's own
 * {@code config/loki/loki-config.yaml}, started by Testcontainers when a Docker engine is reachable
 * and already has the image (the stack's start script pulls it). Tests never reach a registry on
 * their own: only loopback is a target on our test machines. {@code LOKI_TESTCONTAINERS=pull}
 * lets them pull it, {@code LOKI_TESTCONTAINERS=false} turns this step off;</li>
 * <li>otherwise none, and tests use the stand-ins ({@link LokiPushStandIn}, {@link LokiQueryStandIn}).</li>
 * </ol>
 * An image that cannot be had is a fact of the machine and falls through to the stand-ins; a Loki
 * that was started and then fails to become ready is a defect and fails the tests.
 */
public final class RealLoki {

    private static final Pattern COMPOSE_LOKI_IMAGE = Pattern.compile("(?m)^\\s*image:\\s*[\"']?(grafana/loki:[^\\s\"']+)");
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

    private static Optional<String> url;
    private static String description;

    private RealLoki() {
    }

    /** The real Loki's base URL (no trailing slash), or empty when tests use the stand-ins. */
    public static synchronized Optional<String> url() {
        if (url == null) {
            url = resolve();
            System.out.println("[RealLoki] " + description);
        }
        return url;
    }

    /** Which Loki {@link #url()} chose, or why there is none: for skip messages and reports. */
    public static synchronized String describe() {
        url();
        return description;
    }

    private static Optional<String> resolve() {
        String configured = System.getenv("LOKI_URL");
        if (configured != null && !configured.isBlank()) {
            description = "LOKI_URL=" + configured;
            return Optional.of(configured.replaceAll("/+$", ""));
        }
        if ("false".equalsIgnoreCase(System.getenv("LOKI_TESTCONTAINERS"))) {
            return none("LOKI_URL is not set and LOKI_TESTCONTAINERS=false");
        }
        Optional<Path> repository = repositoryRoot();
        if (repository.isEmpty()) {
            return none("LOKI_URL is not set and no docker-compose.yml above " + Path.of("").toAbsolutePath() + " names a Loki image");
        }
        Optional<String> image = composeLokiImage(repository.get().resolve("docker-compose.yml"));
        if (image.isEmpty()) {
            return none("LOKI_URL is not set and docker-compose.yml pins no grafana/loki image");
        }
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return none("LOKI_URL is not set and no Docker engine is reachable for " + image.get());
            }
            Optional<String> missing = ensureImage(image.get(), "pull".equalsIgnoreCase(System.getenv("LOKI_TESTCONTAINERS")));
            if (missing.isPresent()) {
                return none("LOKI_URL is not set and " + image.get() + " cannot be used (" + missing.get() + ")");
            }
        } catch (RuntimeException e) {
            // e.g. an engine without the default bridge network (see DESIGN.md) and no TESTCONTAINERS_HOST_OVERRIDE
            return none("LOKI_URL is not set and Testcontainers cannot use the Docker engine (" + firstLine(e.getMessage()) + ")");
        }
        return start(image.get(), repository.get().resolve("config/loki/loki-config.yaml"));
    }

    private static Optional<String> none(String why) {
        description = "no real Loki: " + why + "; tests use the in-repo stand-ins";
        return Optional.empty();
    }

    private static Optional<Path> repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("config/loki/loki-config.yaml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> composeLokiImage(Path compose) {
        try {
            Matcher m = COMPOSE_LOKI_IMAGE.matcher(Files.readString(compose));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * When allowed, pulls once, ourselves: Testcontainers would retry a failing pull for minutes in
     * every test JVM, which on a machine without a registry only delays the stand-ins.
     */
    private static Optional<String> ensureImage(String image, boolean mayPull) {
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(image).exec();
            return Optional.empty();
        } catch (NotFoundException notLocal) {
            if (!mayPull) {
                return Optional.of("the Docker engine does not have it; `docker pull " + image
                        + "` or LOKI_TESTCONTAINERS=pull lets the tests use it");
            }
            try {
                DockerImageName name = DockerImageName.parse(image);
                boolean done = docker.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).start()
                        .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                return done ? Optional.empty() : Optional.of("pull took longer than " + PULL_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while pulling");
            } catch (RuntimeException e) {
                return Optional.of(firstLine(e.getMessage()));
            }
        }
    }

    /**
     * Host networking on free loopback ports, never Docker's bridge network (DESIGN.md: containers
     * of our tests use network mode none or host), and never Loki's own 3100, which a running
     * stack may hold.
     */
    private static Optional<String> start(String image, Path config) {
        int httpPort = freeLoopbackPort();
        String base = "http://127.0.0.1:" + httpPort;
        GenericContainer<?> loki = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withCopyFileToContainer(MountableFile.forHostPath(config), "/etc/loki/loki-config.yaml")
                .withCommand("-config.file=/etc/loki/loki-config.yaml", "-server.http-listen-address=127.0.0.1",
                        "-server.http-listen-port=" + httpPort, "-server.grpc-listen-address=127.0.0.1",
                        "-server.grpc-listen-port=" + freeLoopbackPort())
                .waitingFor(new ReadyEndpoint(URI.create(base + "/ready")).withStartupTimeout(Duration.ofMinutes(2)));
        try {
            loki.start();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ContainerFetchException) {
                    return none("an image Testcontainers needs cannot be had (" + firstLine(cause.getMessage()) + ")");
                }
            }
            throw new IllegalStateException(image + " with " + config + " did not become ready; its log:\n" + logsOf(loki), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(loki::stop, "stop-loki"));
        description = image + " started by Testcontainers at " + base + " with config/loki/loki-config.yaml";
        return Optional.of(base);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Loki answers 200 on /ready once its ingester has joined the ring (about 15 s after start). */
    private static final class ReadyEndpoint extends AbstractWaitStrategy {
        private final URI ready;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private String lastAnswer = "none yet";

        ReadyEndpoint(URI ready) {
            this.ready = ready;
        }

        @Override
        protected void waitUntilReady() {
            try {
                Await.until(startupTimeout, ready + " to answer 200", this::isReady);
            } catch (AssertionError timedOut) {
                throw new IllegalStateException(timedOut.getMessage() + "; last answer: " + lastAnswer);
            }
        }

        private boolean isReady() {
            if (!waitStrategyTarget.isRunning()) {
                throw new IllegalStateException("Loki exited before it was ready; last answer: " + lastAnswer);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                lastAnswer = answer.statusCode() + " " + answer.body().strip();
                return answer.statusCode() == 200;
            } catch (IOException e) {
                lastAnswer = e.toString();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + ready, e);
            }
        }
    }

    private static String logsOf(GenericContainer<?> container) {
        try {
            return container.getLogs();
        } catch (RuntimeException e) {
            return "(none: " + firstLine(e.getMessage()) + ")";
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
