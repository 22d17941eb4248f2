package io.tritonlogs.collector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.tritonlogs.collector.pipeline.TargetPipelineFactory;
import io.tritonlogs.collector.positions.PositionStore;
import io.tritonlogs.collector.source.FlowControl;
import io.tritonlogs.collector.source.LogSource;
import io.tritonlogs.collector.source.TargetStatus;
import io.tritonlogs.collector.supervision.Heartbeat;
import io.tritonlogs.collector.supervision.Workers;
import io.tritonlogs.common.retry.Backoff;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Discovers containers through the Docker Engine API and keeps one {@link ContainerFollower} per
 * followed container: every container at start, every container started later (from
 * {@code /events}), renames and removals; after Docker itself went away it reconnects with
 * backoff and reconciles. Everything runs on one Vert.x context.
 */
public final class DockerSource implements LogSource {

    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(250);
    private static final Duration FIRST_FOLLOW_RETRY_DELAY = Duration.ofMillis(100);

    private final Vertx vertx;
    private final Context context;
    private final DockerApi api;
    private final ContainerFilter filter;
    private final TargetPipelineFactory pipelines;
    private final PositionStore positions;
    private final FlowControl flowControl;
    private final DockerSourceMetrics metrics;
    private final int maxLineBytes;
    private final Duration joinTimeout;
    private final Backoff reconnectBackoff;
    private final Backoff followRetryBackoff;
    private final ObjectMapper json;
    private final Map<String, ContainerFollower> followers = new ConcurrentHashMap<>();

    private volatile boolean connected;
    private volatile String lastError;
    private volatile boolean stopped;
    private int reconnectAttempts;
    private HttpClientResponse events;
    private final Heartbeat discovery;

    public DockerSource(Vertx vertx, DockerApi api, ContainerFilter filter, TargetPipelineFactory pipelines,
                        PositionStore positions, FlowControl flowControl, DockerSourceMetrics metrics, int maxLineBytes,
                        Duration joinTimeout, Duration maxReconnectDelay, Workers workers, ObjectMapper json) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.api = api;
        this.filter = filter;
        this.pipelines = pipelines;
        this.positions = positions;
        this.flowControl = flowControl;
        this.metrics = metrics;
        this.maxLineBytes = maxLineBytes;
        this.joinTimeout = joinTimeout;
        this.reconnectBackoff = backoffUpTo(FIRST_RECONNECT_DELAY, maxReconnectDelay);
        this.followRetryBackoff = backoffUpTo(FIRST_FOLLOW_RETRY_DELAY, maxReconnectDelay);
        this.json = json;
        // Discovery works while it is not connected: each attempt (answered or timed out) is progress.
        this.discovery = workers.heartbeat("docker-discovery", () -> !connected);
    }

    /** No jitter (one client of one local socket); a maximum below the first delay caps every delay. */
    private static Backoff backoffUpTo(Duration first, Duration max) {
        return Backoff.exponential(first.compareTo(max) < 0 ? first : max, max);
    }

    @Override
    public void start() {
        context.runOnContext(v -> connect());
    }

    @Override
    public void stop() {
        stopped = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            followers.values().forEach(ContainerFollower::flush);
            api.close();
            done.complete(null);
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warnf("stopping the Docker source took too long: %s", e.getMessage());
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        api.ping().compose(v -> openEvents()).compose(v -> reconcile()).onComplete(result -> context.runOnContext(v -> {
            discovery.beat();
            if (result.succeeded()) {
                if (!connected || reconnectAttempts > 0) {
                    Log.infof("connected to Docker at %s; following %d containers", api.describe(), followers.size());
                }
                connected = true;
                lastError = null;
                reconnectAttempts = 0;
            } else {
                disconnected(result.cause());
            }
        }));
    }

    private void disconnected(Throwable cause) {
        if (stopped) {
            return;
        }
        connected = false;
        lastError = cause == null ? "event stream ended" : cause.getMessage();
        long delay = reconnectBackoff.delay(reconnectAttempts + 1).toMillis();
        if (reconnectAttempts == 0 || reconnectAttempts % 10 == 0) {
            Log.warnf("Docker at %s is not reachable (%s); reconnecting in %d ms", api.describe(), lastError, delay);
        }
        reconnectAttempts++;
        vertx.setTimer(delay, id -> context.runOnContext(v -> connect()));
    }

    private Future<Void> openEvents() {
        return api.events().map(stream -> {
            events = stream;
            StringBuilder pending = new StringBuilder();
            stream.handler(buffer -> context.runOnContext(v -> onEventBytes(pending, buffer)));
            stream.endHandler(v -> context.runOnContext(x -> {
                if (events == stream) {
                    disconnected(null);
                }
            }));
            stream.exceptionHandler(error -> context.runOnContext(x -> {
                if (events == stream) {
                    disconnected(error);
                }
            }));
            stream.resume();
            return null;
        });
    }

    private void onEventBytes(StringBuilder pending, Buffer buffer) {
        pending.append(buffer.toString());
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline).trim();
            pending.delete(0, newline + 1);
            if (!line.isEmpty()) {
                try {
                    onEvent(json.readTree(line));
                } catch (Exception e) {
                    Log.warnf("unreadable Docker event skipped: %s", e.getMessage());
                }
            }
        }
    }

    private void onEvent(JsonNode event) {
        String action = event.path("Action").asText(event.path("status").asText());
        String id = event.path("Actor").path("ID").asText(event.path("id").asText());
        if (id.isEmpty()) {
            return;
        }
        ContainerFollower follower = followers.get(id);
        switch (action) {
            case "start" -> {
                if (follower != null) {
                    follower.started();
                } else {
                    adopt(id, true);
                }
            }
            case "rename" -> {
                if (follower != null) {
                    follower.renamed(event.path("Actor").path("Attributes").path("name").asText(follower.info().name()));
                }
            }
            case "destroy" -> {
                if (follower != null) {
                    follower.destroyed();
                }
            }
            default -> {
                // die, stop, kill, pause…: the log stream ends by itself and the follower checks why
            }
        }
    }

    /** Lists every container and follows those that should be followed. */
    private Future<Void> reconcile() {
        return api.listContainerIds(true).compose(ids -> {
            List<Future<?>> adoptions = new ArrayList<>();
            for (String id : ids) {
                ContainerFollower existing = followers.get(id);
                if (existing != null) {
                    adoptions.add(api.inspect(id).onSuccess(info -> context.runOnContext(v -> existing.reconnected(info.running()))));
                } else {
                    adoptions.add(adopt(id, false));
                }
            }
            return CompositeFuture.join(new ArrayList<>(adoptions)).mapEmpty();
        });
    }

    /**
     * Starts following a container Docker told us about. A stopped container is read too when we
     * have a position for it or it was created after this collector was installed: it may have
     * written and exited while the collector was down.
     */
    private Future<Void> adopt(String id, boolean justStarted) {
        return api.inspect(id).map(info -> {
            context.runOnContext(v -> {
                if (followers.containsKey(id) || !filter.accepts(info)) {
                    return;
                }
                boolean known = positions.get(id).isPresent();
                if (!justStarted && !info.running() && !known && info.createdNanos() < positions.createdAtNanos()) {
                    return;
                }
                ContainerFollower follower = new ContainerFollower(api, vertx, context, info,
                        pipelines.create(id, info.name(), ContainerFollower.baseLabels(info), positions.get(id).orElse(null)),
                        flowControl, metrics, maxLineBytes, joinTimeout, followRetryBackoff, this::removed);
                followers.put(id, follower);
                Log.infof("following container %s (%s)", info.name(), info.shortId());
                follower.follow();
            });
            return null;
        });
    }

    private void removed(ContainerFollower follower) {
        followers.remove(follower.info().id());
        Log.infof("container %s (%s) was removed; its log was read to the end", follower.info().name(), follower.info().shortId());
    }

    @Override
    public boolean healthy() {
        return connected;
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** A snapshot of every followed container, for the targets endpoint. */
    @Override
    public List<TargetStatus> targets() {
        Collection<ContainerFollower> all = followers.values();
        List<TargetStatus> statuses = new ArrayList<>(all.size());
        for (ContainerFollower f : all) {
            ContainerInfo info = f.info();
            statuses.add(new TargetStatus(info.id(), info.name(), ContainerFollower.baseLabels(info), f.state().name(),
                    info.tty(), f.paused(), positions.get(info.id()).orElse(null), f.readCursor(), f.lastError()));
        }
        statuses.sort((a, b) -> a.name().compareTo(b.name()));
        return statuses;
    }

    @Override
    public int targetCount() {
        return followers.size();
    }
}
