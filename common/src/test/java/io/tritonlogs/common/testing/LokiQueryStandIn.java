package io.tritonlogs.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * STAND-IN for Loki's query API, for where no real Loki is available or where a test needs Loki
 * to fail on cue (an error answer, a slow answer): a real HTTP server on loopback that answers
 * with real Loki answers, either ones recorded from Loki 3.4.2 in {@code fixtures/loki-3.4.2/}
 * ({@link #replay}; {@code scripts/record-loki-answers.sh} records them again) or ones a test scripts in Loki's exact
 * answer format ({@link #answer}). It evaluates no LogQL: a request nobody prepared an answer for
 * gets 404 with a sentence naming it, so the test fails loudly. Every request is recorded, so
 * tests can assert the exact LogQL that was sent.
 */
public final class LokiQueryStandIn implements AutoCloseable {

    /**
     * One request as Loki would see it: method, path, decoded parameters (a repeated one keeps its
     * last value) and headers (names in lower case, first value).
     */
    public record Request(String method, String path, Map<String, String> params, Map<String, String> headers) {
        public String param(String name) {
            return params.get(name);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String query() {
            return params.get("query");
        }
    }

    /** An answer: status, content type and body text. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    private record Rule(Predicate<Request> matches, Answer answer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The recorded answers' directory under {@code fixtures/}: the Loki release the stack pins. */
    private static final String RECORDED = "loki-3.4.2";

    private final HttpServer server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    public LokiQueryStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Loads a recorded answer ({@code name} without {@code .json}) and serves it for requests with the same path and query. */
    public LokiQueryStandIn replay(String name) {
        Recorded recorded = Recorded.load(Fixtures.dir().resolve(RECORDED).resolve(name + ".json"));
        String query = recorded.request.path("params").path("query").asText(null);
        String match = recorded.request.path("params").path("match[]").asText(null);
        String path = recorded.request.path("path").asText();
        return answer(r -> r.path().equals(path)
                        && (query == null || query.equals(r.query()))
                        && (match == null || match.equals(r.param("match[]"))),
                recorded.answer);
    }

    /** The recorded answer of a fixture, for tests that serve it under another matcher. */
    public static Answer recorded(String name) {
        return Recorded.load(Fixtures.dir().resolve(RECORDED).resolve(name + ".json")).answer;
    }

    /** The timestamps of a recorded streams answer's entries, newest first (the order of a backward query). */
    public static List<String> recordedTimestampsNewestFirst(String name) {
        try {
            JsonNode body = JSON.readTree(recorded(name).body());
            List<String> timestamps = new ArrayList<>();
            body.path("data").path("result").forEach(stream -> stream.path("values").forEach(v -> timestamps.add(v.path(0).asText())));
            timestamps.sort(java.util.Comparator.comparingLong((String ts) -> Long.parseLong(ts)).reversed());
            return timestamps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded request of a fixture. */
    public static JsonNode recordedRequest(String name) {
        return Recorded.load(Fixtures.dir().resolve(RECORDED).resolve(name + ".json")).request;
    }

    /** Serves {@code answer} to requests matching {@code matches}; later rules win over earlier ones. */
    public LokiQueryStandIn answer(Predicate<Request> matches, Answer answer) {
        rules.add(0, new Rule(matches, answer));
        return this;
    }

    /** Answers every request this much later (to stand for a slow Loki). */
    public void delayAnswers(Duration by) {
        delay = by;
    }

    public void reset() {
        rules.clear();
        requests.clear();
        delay = Duration.ZERO;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> params = new LinkedHashMap<>();
            parse(uri.getRawQuery(), params);
            if ("POST".equals(exchange.getRequestMethod())) {
                parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), params, headers);
            requests.add(request);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer answer = rules.stream().filter(r -> r.matches().test(request)).map(Rule::answer).findFirst()
                    .orElse(new Answer(404, "text/plain", "stand-in has no recorded answer for " + request));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException clientGone) {
                // the client timed out first: fine for a slow-Loki test
            }
        }
    }

    private static void parse(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }

    /** A fixture file: request, status, content_type, body (JSON or text). */
    private record Recorded(JsonNode request, Answer answer) {
        static Recorded load(Path file) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                JsonNode body = root.path("body");
                String text = body.isTextual() ? body.asText() : JSON.writeValueAsString(body);
                return new Recorded(root.path("request"), new Answer(root.path("status").asInt(),
                        root.path("content_type").asText("application/json"), text));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read recorded Loki answer " + file, e);
            }
        }
    }

    /** Every recorded fixture name. */
    public static List<String> recordedNames() {
        List<String> names = new ArrayList<>();
        try (var files = java.nio.file.Files.list(Fixtures.dir().resolve(RECORDED))) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                String file = it.next().getFileName().toString();
                if (file.endsWith(".json")) {
                    names.add(file.substring(0, file.length() - 5));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
