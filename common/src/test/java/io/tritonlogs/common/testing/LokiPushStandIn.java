package io.tritonlogs.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tritonlogs.common.loki.LokiProto;
import io.tritonlogs.common.loki.proto.EntryAdapter;
import io.tritonlogs.common.loki.proto.PushRequest;
import io.tritonlogs.common.loki.proto.StreamAdapter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * STAND-IN for Loki's push endpoint, used only when {@code LOKI_URL} is not set: a real HTTP
 * server on loopback that decodes {@code POST /loki/api/v1/push} exactly as Loki does (block
 * snappy + {@code logproto.PushRequest} with classes generated from Loki's push.proto, or the
 * JSON form) and keeps what it got. It evaluates no LogQL.
 *
 * <p>Like Loki, it stores an entry whose (stream, timestamp, line) it already has only once;
 * such re-sent entries are counted in {@link #resentDuplicates()}. Tests can make it answer an
 * error status ({@link #failWith}) or go away and come back on the same port ({@link #stop},
 * {@link #restart}) to stand for a Loki outage.
 */
public final class LokiPushStandIn implements AutoCloseable {

    /** One stored entry, with the structured metadata it came with (name to value, in push order). */
    public record ReceivedEntry(long timestampNanos, String line, Map<String, String> structuredMetadata) {
        public ReceivedEntry(long timestampNanos, String line) {
            this(timestampNanos, line, Map.of());
        }
    }

    /** Loki 3's answer to a push with structured metadata when {@code allow_structured_metadata} is off (validate.go). */
    static final String STRUCTURED_METADATA_DISALLOWED = "stream '%s' includes structured metadata, but this feature is disallowed."
            + " Please see `limits_config.allow_structured_metadata` or contact your Loki administrator to enable it.";

    /** One decoded stream of one push: its label string and entries. */
    public record ReceivedStream(String labels, List<ReceivedEntry> entries) {
    }

    private record Key(String labels, long timestampNanos, String line) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<ReceivedStream> received = new ArrayList<>();
    private final Map<String, List<ReceivedEntry>> stored = new LinkedHashMap<>();
    private final Set<Key> seen = new LinkedHashSet<>();
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicInteger failedPushes = new AtomicInteger();
    private int resentDuplicates;
    private final int port;
    private HttpServer server;
    private volatile boolean countOnly;
    private final java.util.concurrent.atomic.AtomicLong entriesReceived = new java.util.concurrent.atomic.AtomicLong();
    private volatile int failStatus;
    private volatile String retryAfter;

    private volatile String version;
    private volatile boolean structuredMetadataDisallowed;
    private volatile String lastAuthorization;
    private volatile String lastTenant;

    public LokiPushStandIn() throws IOException {
        this(0);
    }

    public LokiPushStandIn(int port) throws IOException {
        server = listen(port);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        s.createContext("/loki/api/v1/push", this::push);
        s.createContext("/loki/api/v1/status/buildinfo", exchange -> {
            try (exchange) {
                String v = version;
                if (v == null) {
                    answer(exchange, 404, "404 page not found");
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    answer(exchange, 200, "{\"version\":\"" + v + "\",\"revision\":\"stand-in\"}");
                }
            }
        });
        s.createContext("/ready", exchange -> {
            try (exchange) {
                answer(exchange, 200, "ready");
            }
        });
        s.start();
        return s;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Answer every push with {@code status} (e.g. 500, 429) until {@link #recover()}. */
    public void failWith(int status, String retryAfterHeader) {
        this.retryAfter = retryAfterHeader;
        this.failStatus = status;
    }

    /** Answer {@code /loki/api/v1/status/buildinfo} with this version (by default it answers 404, as a gateway might). */
    public void reportVersion(String lokiVersion) {
        this.version = lokiVersion;
    }

    /** Refuse pushes that carry structured metadata, as Loki 3 does with {@code allow_structured_metadata: false}. */
    public void disallowStructuredMetadata() {
        this.structuredMetadataDisallowed = true;
    }

    public void recover() {
        failStatus = 0;
    }

    /** Closes the port: pushes get connection refused. */
    public synchronized void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void restart() throws IOException {
        server = listen(port);
    }

    public synchronized List<ReceivedStream> received() {
        return List.copyOf(received);
    }

    /** Entries stored per stream (label string), in arrival order, each (stream, ts, line) once. */
    public synchronized Map<String, List<ReceivedEntry>> stored() {
        Map<String, List<ReceivedEntry>> copy = new LinkedHashMap<>();
        stored.forEach((labels, entries) -> copy.put(labels, List.copyOf(entries)));
        return copy;
    }

    /** Stored entries of the streams whose label string matches. */
    public synchronized List<ReceivedEntry> stored(Predicate<String> labels) {
        List<ReceivedEntry> entries = new ArrayList<>();
        stored.forEach((l, e) -> {
            if (labels.test(l)) {
                entries.addAll(e);
            }
        });
        return entries;
    }

    public synchronized int resentDuplicates() {
        return resentDuplicates;
    }

    /** The {@code Authorization} header of the last push, or null. */
    public String lastAuthorization() {
        return lastAuthorization;
    }

    /** The {@code X-Scope-OrgID} (tenant) header of the last push, or null. */
    public String lastTenant() {
        return lastTenant;
    }

    public int pushes() {
        return pushes.get();
    }

    public int failedPushes() {
        return failedPushes.get();
    }

    private void push(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "method not allowed");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastTenant = exchange.getRequestHeaders().getFirst("X-Scope-OrgID");
            int failing = failStatus;
            if (failing != 0) {
                failedPushes.incrementAndGet();
                if (retryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                }
                answer(exchange, failing, failing == 429 ? "Ingestion rate limit exceeded (stand-in)" : "internal error (stand-in)");
                return;
            }
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            List<ReceivedStream> streams;
            try {
                streams = decode(type, body);
            } catch (IllegalArgumentException e) {
                answer(exchange, 415, e.getMessage());
                return;
            } catch (Exception e) {
                answer(exchange, 400, "could not decode push: " + e);
                return;
            }
            if (structuredMetadataDisallowed) {
                for (ReceivedStream stream : streams) {
                    if (stream.entries().stream().anyMatch(e -> !e.structuredMetadata().isEmpty())) {
                        failedPushes.incrementAndGet();
                        answer(exchange, 400, String.format(STRUCTURED_METADATA_DISALLOWED, stream.labels()));
                        return;
                    }
                }
            }
            store(streams);
            pushes.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private List<ReceivedStream> decode(String type, byte[] body) throws Exception {
        List<ReceivedStream> streams = new ArrayList<>();
        if (type.startsWith("application/x-protobuf")) {
            PushRequest request = LokiProto.decode(body);
            for (StreamAdapter stream : request.getStreamsList()) {
                List<ReceivedEntry> entries = new ArrayList<>();
                for (EntryAdapter e : stream.getEntriesList()) {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    e.getStructuredMetadataList().forEach(p -> metadata.put(p.getName(), p.getValue()));
                    entries.add(new ReceivedEntry(e.getTimestamp().getSeconds() * 1_000_000_000L + e.getTimestamp().getNanos(), e.getLine(),
                            metadata));
                }
                streams.add(new ReceivedStream(stream.getLabels(), entries));
            }
        } else if (type.startsWith("application/json")) {
            for (JsonNode stream : json.readTree(body).get("streams")) {
                List<ReceivedEntry> entries = new ArrayList<>();
                for (JsonNode value : stream.get("values")) {
                    entries.add(new ReceivedEntry(Long.parseLong(value.get(0).asText()), value.get(1).asText()));
                }
                streams.add(new ReceivedStream(stream.get("stream").toString(), entries));
            }
        } else {
            throw new IllegalArgumentException("unsupported Content-Type " + type);
        }
        return streams;
    }

    /** Decode and count only, keep nothing: for throughput harnesses. */
    public void countOnly() {
        countOnly = true;
    }

    public long entriesReceived() {
        return entriesReceived.get();
    }

    private synchronized void store(List<ReceivedStream> streams) {
        for (ReceivedStream stream : streams) {
            entriesReceived.addAndGet(stream.entries().size());
            if (countOnly) {
                continue;
            }
            received.add(stream);
            List<ReceivedEntry> target = stored.computeIfAbsent(stream.labels(), k -> new ArrayList<>());
            for (ReceivedEntry entry : stream.entries()) {
                if (seen.add(new Key(stream.labels(), entry.timestampNanos(), entry.line()))) {
                    target.add(entry);
                } else {
                    resentDuplicates++;
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Runs a counting stand-in as its own process: {@code LokiPushStandIn <port>}; prints its URL. */
    public static void main(String[] args) throws Exception {
        LokiPushStandIn standIn = new LokiPushStandIn(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        standIn.countOnly();
        System.out.println(standIn.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
