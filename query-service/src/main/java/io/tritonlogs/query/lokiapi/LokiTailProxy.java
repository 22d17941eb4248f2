package io.tritonlogs.query.lokiapi;

import io.quarkus.logging.Log;
import io.tritonlogs.query.auth.Caller;
import io.tritonlogs.query.auth.Credentials;
import io.tritonlogs.query.auth.TokenRegistry;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.loki.LokiClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Loki's tail websocket, {@code /loki/api/v1/tail}, as logcli {@code --tail} and Grafana's live
 * tail open it: the caller's token is checked ({@link Credentials}) and its scope forced into the
 * query ({@link ScopeForcer}) before a websocket is opened to Loki; only then is the caller's
 * connection upgraded, so a bad query or a down Loki is an HTTP status the client can show, not a
 * socket that closes at once. Loki's messages are passed on as they come, one at a time, read from
 * Loki only as fast as the caller takes them.
 */
@ApplicationScoped
public class LokiTailProxy {

    static final String PATH = LokiClient.TAIL_PATH;
    private static final Set<String> PARAMETERS = Set.of("query", "limit", "start", "delay_for");

    private final TokenRegistry tokens;
    private final LokiClient loki;
    private final ScopeForcer forcer;

    LokiTailProxy(TokenRegistry tokens, LokiClient loki, QueryConfig config) {
        this.tokens = tokens;
        this.loki = loki;
        this.forcer = new ScopeForcer(config.limits().maxQueryLength());
    }

    void route(@Observes Router router) {
        router.get(PATH).order(-10).handler(this::tail);
    }

    private void tail(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Caller caller = Caller.ANONYMOUS;
        if (tokens.enabled()) {
            Credentials.Outcome outcome = Credentials.authenticate(request.getHeader("Authorization"), tokens);
            if (outcome instanceof Credentials.Refused refused) {
                rc.response().headers().add("WWW-Authenticate", "Bearer realm=\"triton-logs\"").add("WWW-Authenticate", "Basic realm=\"triton-logs\"");
                answer(rc, 401, refused.reason());
                return;
            }
            caller = ((Credentials.Accepted) outcome).caller();
        }
        List<Map.Entry<String, String>> given = new ArrayList<>();
        request.params().forEach((name, value) -> {
            if (PARAMETERS.contains(name)) {
                given.add(Map.entry(name, value));
            }
        });
        List<Map.Entry<String, String>> params;
        try {
            params = forcer.force(Scoping.LOGQL, given, caller);
        } catch (LokiApiRefusal refusal) {
            answer(rc, refusal.status(), refusal.getMessage());
            return;
        }
        Context context = Vertx.currentContext();
        Relay relay = new Relay(context);
        request.pause();
        connect(params, request.getHeader("X-Scope-OrgID"), relay).whenComplete((upstream, failure) -> context.runOnContext(v -> {
            request.resume();
            if (failure != null) {
                refuse(rc, failure instanceof CompletionException ? failure.getCause() : failure);
                return;
            }
            request.toWebSocket().onSuccess(client -> relay.attach(client, upstream)).onFailure(e -> {
                upstream.abort();
                Log.debugf("the tail caller went away before its websocket opened: %s", e.getMessage());
            });
        }));
    }

    /** The caller's tenant goes to Loki only when no tenant is configured and access control is off (as for the read API). */
    private CompletableFuture<WebSocket> connect(List<Map.Entry<String, String>> params, String callerTenant, Relay relay) {
        Map<String, String> headers = callerTenant == null || loki.tenantConfigured() || tokens.enabled()
                ? Map.of() : Map.of("X-Scope-OrgID", callerTenant);
        return loki.openTail(params, headers, relay);
    }

    /** Loki's own status and words when it refused the tail; 503 when it could not be reached. */
    private void refuse(RoutingContext rc, Throwable failure) {
        if (failure instanceof WebSocketHandshakeException handshake) {
            Object body = handshake.getResponse().body();
            answer(rc, handshake.getResponse().statusCode(), body instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8).strip() : "Loki refused the tail");
            return;
        }
        answer(rc, 503, "Loki at " + loki.url() + " could not be reached for the tail: " + failure);
    }

    private static void answer(RoutingContext rc, int status, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
    }

    /**
     * Passes Loki's messages to the caller. Nothing is read from Loki before the caller's socket is
     * open, and the next message is asked for only once the caller's write queue has room.
     */
    private static final class Relay implements WebSocket.Listener {
        private final Context context;
        private final StringBuilder partial = new StringBuilder();
        private volatile ServerWebSocket client;
        private volatile boolean lost;

        Relay(Context context) {
            this.context = context;
        }

        /** Runs on the caller's context, as do all writes to the caller. */
        void attach(ServerWebSocket client, WebSocket upstream) {
            this.client = client;
            if (lost) {
                // Loki's side failed while the caller's socket was being opened.
                client.close((short) 1011, "the connection to Loki's tail was lost");
                return;
            }
            client.closeHandler(v -> upstream.abort());
            client.exceptionHandler(e -> upstream.abort());
            client.drainHandler(v -> upstream.request(1));
            upstream.request(1);
        }

        @Override
        public void onOpen(WebSocket upstream) {
            // No request(1) yet: the caller's socket is not open (see attach).
        }

        @Override
        public CompletionStage<?> onText(WebSocket upstream, CharSequence data, boolean last) {
            partial.append(data);
            if (!last) {
                upstream.request(1);
                return null;
            }
            String message = partial.toString();
            partial.setLength(0);
            context.runOnContext(v -> {
                client.writeTextMessage(message);
                if (!client.writeQueueFull()) {
                    upstream.request(1);
                }
            });
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket upstream, int statusCode, String reason) {
            context.runOnContext(v -> {
                if (client != null && !client.isClosed()) {
                    client.close((short) statusCode, reason == null ? "" : reason);
                }
            });
            return null;
        }

        @Override
        public void onError(WebSocket upstream, Throwable error) {
            Log.infof("Loki's tail websocket failed: %s", error.toString());
            lost = true;
            context.runOnContext(v -> {
                if (client != null && !client.isClosed()) {
                    client.close((short) 1011, "the connection to Loki's tail was lost");
                }
            });
        }
    }
}
