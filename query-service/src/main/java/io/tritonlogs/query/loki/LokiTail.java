package io.tritonlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.tritonlogs.query.config.LokiConfig;
import io.tritonlogs.query.search.EntryShaper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bridges Loki's tail websocket ({@code /loki/api/v1/tail}) to a {@link Multi} of events. The
 * connection is opened before the stream is handed out, so an unreachable Loki is a 503 and a
 * query Loki rejects a 400 rather than an empty stream. Cancelling the stream closes the socket.
 */
@ApplicationScoped
public class LokiTail {

    private final HttpClient http;
    private final String wsBase;
    private final Duration connectTimeout;
    private final ObjectMapper json;
    private final EntryShaper shaper;
    private final LokiConfig config;

    LokiTail(LokiConfig config, ObjectMapper json, EntryShaper shaper) {
        this.config = config;
        this.connectTimeout = config.connectTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.wsBase = websocketBase(config);
        this.json = json;
        this.shaper = shaper;
    }

    /** Loki's websocket base URL: {@code loki.tail-url}, else {@code loki.url}, as ws:// or wss://. */
    public static String websocketBase(LokiConfig config) {
        String base = config.tailUrl().filter(u -> !u.isBlank()).orElse(config.url()).replaceAll("/+$", "");
        return base.startsWith("https://") ? "wss://" + base.substring(8) : base.startsWith("http://") ? "ws://" + base.substring(7) : base;
    }

    /** Opens the tail (blocking up to the connect timeout) and returns its events. */
    public Multi<TailEvent> open(String query, Instant start, int limit, int delayFor) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("limit", Integer.toString(limit));
        params.put("start", Long.toString(LokiClient.nanos(start)));
        if (delayFor > 0) {
            params.put("delay_for", Integer.toString(delayFor));
        }
        URI uri = URI.create(wsBase + "/loki/api/v1/tail" + UpstreamHttp.query(params));
        UnicastProcessor<TailEvent> events = UnicastProcessor.create();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout);
        config.tenantId().filter(t -> !t.isBlank()).ifPresent(t -> builder.header("X-Scope-OrgID", t));
        config.bearerToken().filter(t -> !t.isBlank()).ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        WebSocket socket;
        try {
            socket = builder.buildAsync(uri, new Listener(events)).get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiException(LokiException.Kind.UNREACHABLE, "Loki", "interrupted while connecting to Loki's tail", e);
        } catch (TimeoutException e) {
            throw new LokiException(LokiException.Kind.TIMEOUT, "Loki", "Loki's tail did not answer within " + connectTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        }
        return events.onCancellation().invoke(() -> socket.abort()).onTermination().invoke(() -> {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
            }
        });
    }

    private LokiException classify(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            Object body = handshake.getResponse().body();
            String message = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(body);
            return status == 400
                    ? new LokiException(LokiException.Kind.REJECTED, "Loki", "Loki rejected the tail: " + UpstreamHttp.firstLine(message), cause)
                    : new LokiException(LokiException.Kind.FAILED, "Loki", "Loki at " + wsBase + " refused the tail websocket (HTTP " + status + ")", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new LokiException(LokiException.Kind.TIMEOUT, "Loki", "Loki's tail did not answer in time", cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new LokiException(LokiException.Kind.UNREACHABLE, "Loki", "Loki at " + config.url() + " is unreachable: " + cause.getMessage(), cause);
        }
        return new LokiException(LokiException.Kind.FAILED, "Loki", "Loki's tail failed: " + cause, cause);
    }

    /** Collects text frames into whole messages and emits their entries. */
    private final class Listener implements WebSocket.Listener {
        private final UnicastProcessor<TailEvent> events;
        private final StringBuilder message = new StringBuilder();

        Listener(UnicastProcessor<TailEvent> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                try {
                    emit(json.readTree(text));
                } catch (IOException | RuntimeException e) {
                    Log.debugf("unreadable tail message from Loki: %s", e.getMessage());
                }
            }
            socket.request(1);
            return null;
        }

        private void emit(JsonNode root) {
            for (JsonNode stream : root.path("streams")) {
                Map<String, String> labels = EntryShaper.labels(stream.path("stream"));
                for (JsonNode value : stream.path("values")) {
                    events.onNext(new TailEvent.Entry(shaper.entry(value.path(0).asText(), labels, value.path(1).asText())));
                }
            }
            int dropped = root.path("dropped_entries").size();
            if (dropped > 0) {
                events.onNext(new TailEvent.Dropped(dropped));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                events.onNext(new TailEvent.Ended("Loki's tail ended abnormally (code " + statusCode + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")"));
            }
            events.onComplete();
            return null;
        }

        /** Told to the client as a last event, so a lost tail is not mistaken for a quiet one. */
        @Override
        public void onError(WebSocket socket, Throwable error) {
            Log.infof("Loki's tail websocket failed: %s", error.toString());
            events.onNext(new TailEvent.Ended("the connection to Loki's tail was lost: " + error.getClass().getSimpleName()));
            events.onComplete();
        }
    }
}
