package io.tritonlogs.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tritonlogs.common.loki.Label;
import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.redact.Redactor;
import io.tritonlogs.common.triton.JoinLimits;
import io.tritonlogs.common.triton.JoinedEntry;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.MultilineJoiner;
import io.tritonlogs.common.triton.RecordFields;
import io.tritonlogs.common.triton.TritonLineParser;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Records the answers the stand-ins replay ({@code fixtures/loki-<version>/}) from a real Loki:
 * pushes every session of {@code fixtures/triton-logs/} as the collector would (one entry per
 * record with its continuation lines joined, the label contract with container
 * {@code triton_server}, secrets redacted, pid and source as structured metadata), then sends the
 * recorded requests and writes each answer with its request. Run it on an empty Loki, through
 * {@code scripts/record-loki-answers.sh}:
 *
 * <pre>java ... LokiAnswerRecorder http://127.0.0.1:3197 fixtures</pre>
 */
public final class LokiAnswerRecorder {

    static final String CONTAINER = "triton_server";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String loki;

    private LokiAnswerRecorder(String loki) {
        this.loki = loki.replaceAll("/+$", "");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LokiAnswerRecorder <loki base URL> <fixtures directory>");
            System.exit(2);
        }
        LokiAnswerRecorder recorder = new LokiAnswerRecorder(args[0]);
        String version = recorder.version();
        Path out = Path.of(args[1]).resolve("loki-" + version);
        Files.createDirectories(out);
        int entries = pushSessions(recorder.loki, CONTAINER, Path.of(args[1]).resolve("triton-logs"));
        Window window = recorder.awaitQueryable(entries);
        for (Map.Entry<String, Map<String, String>> request : requests(window).entrySet()) {
            recorder.record(request.getKey(), request.getValue(), out);
        }
        System.out.println("recorded " + requests(window).size() + " answers of Loki " + version + " to " + out + " (" + entries + " entries pushed)");
    }

    /** From just before the first pushed entry to just after the last; instant queries at {@code end}. */
    record Window(long startNanos, long endNanos) {
    }

    /** The requests, by fixture name: path and parameters (every query selects the pushed container). */
    static Map<String, Map<String, String>> requests(Window w) {
        String start = Long.toString(w.startNanos());
        String end = Long.toString(w.endNanos());
        String c = "{container=\"" + CONTAINER + "\"";
        Map<String, Map<String, String>> r = new TreeMap<>();
        r.put("error-bad-regex", range(c + "} |~ \"(unclosed\"", start, end));
        r.put("error-bad-time", range(c + "}", "yesterday", end));
        r.put("error-empty-matcher", range("{container=~\".*\"}", start, end));
        r.put("error-parse", instant("sum(count_over_time(" + c + "} |~ \"ERROR\" [1h]", end));
        r.put("label-values-model_name", params("/loki/api/v1/label/model_name/values", "start", start, "end", end));
        r.put("labels", params("/loki/api/v1/labels", "start", start, "end", end));
        r.put("series", params("/loki/api/v1/series", "match[]", c + ", level=\"ERROR\"}", "start", start, "end", end));
        r.put("query-instant-alert-expr", instant("sum(rate(" + c + ", level=\"ERROR\"}[5m])) > 0.01", end));
        r.put("query-instant-count-by-level", instant("sum by (level) (count_over_time(" + c + "}[1d]))", end));
        r.put("query-instant-error-count", instant("sum(count_over_time(" + c + ", level=\"ERROR\"}[1d]))", end));
        r.put("query-instant-errors-by-model", instant("sum by (model_name) (count_over_time(" + c + ", level=\"ERROR\", model_name!=\"\"}[1d]))", end));
        r.put("query_range-all-logs", with(range(c + "}", start, end), "limit", "5", "direction", "backward"));
        r.put("query_range-errors", with(range(c + ", level=~\"ERROR|FATAL\"}", start, end), "limit", "5"));
        r.put("query_range-json-parser-fail", with(range(c + "} | json", start, end), "limit", "2"));
        r.put("query_range-model", with(range(c + ", model_name=\"resnet50\"} |= \"load\"", start, end), "limit", "5"));
        r.put("query_range-rate-by-level-matrix", with(range("sum by (level) (rate(" + c + "}[5m]))", start, end), "step", "300"));
        r.put("query_range-seed-error-regex-misses-glog", with(range(c + "} |~ \"ERROR|FATAL\"", start, end), "limit", "5"));
        r.put("query_range-request-id-metadata", with(range(c + "} | request_id=\"63059\"", start, end), "limit", "5"));
        return r;
    }

    private static Map<String, String> range(String query, String start, String end) {
        return params("/loki/api/v1/query_range", "query", query, "start", start, "end", end);
    }

    private static Map<String, String> instant(String query, String time) {
        return params("/loki/api/v1/query", "query", query, "time", time);
    }

    private static Map<String, String> params(String path, String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("", path);
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private static Map<String, String> with(Map<String, String> p, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private String version() throws Exception {
        HttpResponse<String> info = get("/loki/api/v1/status/buildinfo");
        if (info.statusCode() != 200) {
            throw new IllegalStateException("Loki's buildinfo answered " + info.statusCode() + ": " + info.body());
        }
        return JSON.readTree(info.body()).path("version").asText().replaceFirst("^v", "");
    }

    /**
     * Pushes every session's entries as the collector would, one millisecond apart, ending a minute
     * ago, under {@code container}; returns how many. Also seeds a real Loki for load harnesses.
     */
    public static int pushSessions(String loki, String container, Path sessions) throws Exception {
        List<JoinedEntry> joined = new ArrayList<>();
        MultilineJoiner joiner = new MultilineJoiner(new TritonLineParser(), JoinLimits.DEFAULT, joined::add);
        List<Path> files;
        try (Stream<Path> listing = Files.list(sessions)) {
            files = listing.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        long lines = files.stream().mapToLong(f -> Fixtures.lines(f).size()).sum();
        long next = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000L - lines * 1_000_000L;
        for (Path file : files) {
            for (String line : Fixtures.lines(file)) {
                joiner.accept(line, next);
                next += 1_000_000L;
            }
            joiner.flush();
        }
        Redactor redactor = Redactor.withDefaults();
        ModelNameExtractor models = new ModelNameExtractor();
        Map<LabelSet, List<PushEntry>> streams = new LinkedHashMap<>();
        for (JoinedEntry entry : joined) {
            Map<String, String> labels = new TreeMap<>(Map.of("container", container, "service", "triton", "stream", "stderr",
                    "level", entry.level().name()));
            String model = models.extract(entry.head());
            if (model != null) {
                labels.put("model_name", model);
            }
            List<Label> metadata = RecordFields.structuredMetadata(entry.head(), redactor::redact);
            streams.computeIfAbsent(LabelSet.of(labels), k -> new ArrayList<>())
                    .add(new PushEntry(entry.timestampNanos(), redactor.redact(entry.text()), metadata));
        }
        List<PushStream> push = new ArrayList<>();
        streams.forEach((labels, entries) -> push.add(new PushStream(labels, entries)));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(loki.replaceAll("/+$", "") + "/loki/api/v1/push"))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new ProtobufPushEncoder().encodeToArray(push))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("Loki refused the push: " + answer.statusCode() + " " + answer.body());
        }
        return joined.size();
    }

    private Window awaitQueryable(int entries) throws Exception {
        long end = Instant.now().toEpochMilli() * 1_000_000L;
        long start = end - Duration.ofHours(1).toNanos();
        String count = "sum(count_over_time({container=\"" + CONTAINER + "\"}[2h]))";
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> answer = get("/loki/api/v1/query?query=" + encode(count) + "&time=" + end);
            JsonNode result = JSON.readTree(answer.body()).path("data").path("result");
            if (result.size() == 1 && result.get(0).path("value").path(1).asInt() >= entries) {
                if (result.get(0).path("value").path(1).asInt() > entries) {
                    throw new IllegalStateException("Loki holds more than the " + entries + " entries pushed: record on an empty Loki");
                }
                return new Window(start, end);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Loki did not make the " + entries + " pushed entries queryable within a minute");
    }

    private void record(String name, Map<String, String> request, Path out) throws Exception {
        StringBuilder uri = new StringBuilder(request.get(""));
        ObjectNode params = JSON.createObjectNode();
        char sep = '?';
        for (Map.Entry<String, String> p : request.entrySet()) {
            if (!p.getKey().isEmpty()) {
                uri.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
                params.put(p.getKey(), p.getValue());
                sep = '&';
            }
        }
        HttpResponse<String> answer = get(uri.toString());
        ObjectNode file = JSON.createObjectNode();
        ObjectNode req = file.putObject("request");
        req.put("method", "GET").put("path", request.get("")).set("params", params);
        file.put("status", answer.statusCode());
        String type = answer.headers().firstValue("Content-Type").orElse("");
        file.put("content_type", type.replaceFirst(";.*", ""));
        if (type.startsWith("application/json")) {
            file.set("body", JSON.readTree(answer.body()));
        } else {
            file.put("body", answer.body());
        }
        Files.writeString(out.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(loki + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
