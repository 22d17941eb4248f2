package io.tritonlogs.collector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.time.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The few Docker Engine API calls the collector makes, over the unix socket or TCP (a socket
 * proxy), with Vert.x. Streaming calls hand back the response for the caller to read, pause and
 * resume.
 */
public final class DockerApi {

    /** How long a call may go without an answer: a dockerd that accepts and never answers stalls nothing. */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final HttpClient http;
    private final NetClient net;
    private final SocketAddress server;
    private final String hostHeader;
    private final ObjectMapper json;

    public DockerApi(Vertx vertx, String dockerHost, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
        URI uri = URI.create(dockerHost);
        if ("unix".equals(uri.getScheme())) {
            server = SocketAddress.domainSocketAddress(uri.getPath());
            hostHeader = "localhost";
        } else if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
            int port = uri.getPort() > 0 ? uri.getPort() : 2375;
            server = SocketAddress.inetSocketAddress(port, uri.getHost());
            hostHeader = uri.getHost() + ":" + port;
        } else {
            throw new IllegalArgumentException("DOCKER_HOST must be unix:///path/to/docker.sock or tcp://host:port, was " + dockerHost);
        }
        // No idle timeout: a followed container may stay quiet for hours.
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(256)
                .setIdleTimeout(0).setConnectTimeout(5000));
        this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setReceiveBufferSize(256 * 1024));
    }

    public String describe() {
        return server.toString();
    }

    public Future<Void> ping() {
        return call("/_ping").mapEmpty();
    }

    /** Containers, running only or all. */
    public Future<List<String>> listContainerIds(boolean all) {
        return call("/containers/json?all=" + (all ? 1 : 0)).map(body -> {
            List<String> ids = new ArrayList<>();
            for (JsonNode container : body) {
                ids.add(container.path("Id").asText());
            }
            return ids;
        });
    }

    public Future<ContainerInfo> inspect(String id) {
        return call("/containers/" + encode(id) + "/json").map(node -> {
            Map<String, String> labels = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("Config").path("Labels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            long created = 0;
            try {
                created = Timestamps.unixNanos(Timestamps.parse(node.path("Created").asText()));
            } catch (RuntimeException ignored) {
                // an unparseable creation time only matters for containers seen stopped at start
            }
            return new ContainerInfo(node.path("Id").asText(id), node.path("Name").asText(id), labels,
                    node.path("Config").path("Tty").asBoolean(false), node.path("State").path("Running").asBoolean(false), created);
        });
    }

    /**
     * {@code GET /containers/{id}/logs?follow=1&stdout=1&stderr=1&timestamps=1&since=…}, read from a
     * plain socket (see {@link RawHttpStream}: one handler call per socket read, not per line).
     */
    Future<RawHttpStream> followLogs(String id, String since) {
        return RawHttpStream.get(vertx, net, server, hostHeader,
                "/v1.41/containers/" + encode(id) + "/logs?follow=1&stdout=1&stderr=1&timestamps=1&since=" + since, ANSWER_TIMEOUT_MILLIS);
    }

    /** {@code GET /events} for containers. */
    public Future<HttpClientResponse> events() {
        return stream("/events?filters=" + encode("{\"type\":[\"container\"]}"));
    }

    private Future<JsonNode> call(String uri) {
        return http.request(options(uri).setIdleTimeout(ANSWER_TIMEOUT_MILLIS)).compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
            if (response.statusCode() / 100 != 2) {
                throw new DockerApiException(response.statusCode(), uri, body.toString());
            }
            try {
                return body.length() == 0 || "/_ping".equals(uri) ? json.nullNode() : json.readTree(body.getBytes());
            } catch (java.io.IOException e) {
                throw new DockerApiException(response.statusCode(), uri, "unreadable JSON: " + e.getMessage());
            }
        }));
    }

    /**
     * A long-lived stream: no idle timeout once it is open (Docker may have no event for hours),
     * but its status line must come within {@link #ANSWER_TIMEOUT_MILLIS}.
     */
    private Future<HttpClientResponse> stream(String uri) {
        return http.request(options(uri)).compose(request -> {
            long timer = vertx.setTimer(ANSWER_TIMEOUT_MILLIS, id -> request.reset(0,
                    new TimeoutException("Docker did not answer " + uri + " within " + ANSWER_TIMEOUT_MILLIS + " ms")));
            return request.send().onComplete(r -> vertx.cancelTimer(timer));
        }).compose(response -> {
            if (response.statusCode() / 100 == 2) {
                // Paused until the caller has set its handlers: no chunk may arrive before them.
                response.pause();
                return Future.succeededFuture(response);
            }
            return response.body().compose(body -> Future.failedFuture(new DockerApiException(response.statusCode(), uri, body.toString())));
        });
    }

    private RequestOptions options(String uri) {
        return new RequestOptions().setServer(server).setHost(hostHeader).setPort(80).setMethod(HttpMethod.GET)
                .setURI("/v1.41" + uri).setTimeout(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public void close() {
        http.close();
        net.close();
    }
}
