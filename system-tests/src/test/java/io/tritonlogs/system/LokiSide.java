package io.tritonlogs.system;

import io.tritonlogs.common.testing.RealLoki;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.LokiQueryStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the services' Loki traffic goes. With {@code LOKI_URL} set: that real Loki, for pushes and
 * queries, and what it stored is read back with {@code query_range}. Without it: the collector
 * pushes to a {@link LokiPushStandIn} (which decodes every push and keeps each (stream, ts, line)
 * once, counting re-sent ones) and the query- and alert-service ask a {@link LokiQueryStandIn},
 * which evaluates no LogQL and answers only what the test scripted.
 */
final class LokiSide implements AutoCloseable {

    /** One stored entry with its stream's labels. */
    record Entry(Map<String, String> labels, long timestampNanos, String line) {
    }

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String realUrl;
    private final LokiPushStandIn push;
    private final LokiQueryStandIn query;

    private LokiSide(String realUrl) throws IOException {
        this.realUrl = realUrl;
        this.push = realUrl == null ? new LokiPushStandIn() : null;
        this.query = realUrl == null ? new LokiQueryStandIn() : null;
    }

    static LokiSide realOrStandIns() throws IOException {
        return new LokiSide(RealLoki.url().orElse(null));
    }

    boolean real() {
        return realUrl != null;
    }

    /** Where the collector pushes (put a {@link TcpProxy} in between for outages). */
    String pushUrl() {
        return real() ? realUrl : push.url();
    }

    /** Where the query- and alert-service query. */
    String queryUrl() {
        return real() ? realUrl : query.url();
    }

    LokiPushStandIn pushStandIn() {
        return push;
    }

    LokiQueryStandIn queryStandIn() {
        return query;
    }

    /** Entries stored for a container: the stand-in's per stream in arrival order, or Loki's oldest first. */
    List<Entry> entries(String container) {
        return real() ? fromLoki("{container=\"" + container + "\"}") : fromStandIn(container);
    }

    /** Re-sent (stream, ts, line) the stand-in stored only once; Loki does the same without telling, so -1 there. */
    int resentDuplicates() {
        return real() ? -1 : push.resentDuplicates();
    }

    private List<Entry> fromStandIn(String container) {
        List<Entry> entries = new ArrayList<>();
        push.stored().forEach((labels, stored) -> {
            Map<String, String> parsed = labels(labels);
            if (container.equals(parsed.get("container"))) {
                stored.forEach(e -> entries.add(new Entry(parsed, e.timestampNanos(), e.line())));
            }
        });
        return entries;
    }

    static Map<String, String> labels(String labelString) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(labelString);
        while (m.find()) {
            labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return labels;
    }

    /** Every entry of the last hour matching {@code selector}, oldest first, paging 5,000 at a time. */
    private List<Entry> fromLoki(String selector) {
        Set<Entry> all = new LinkedHashSet<>();
        long start = (System.currentTimeMillis() - 3_600_000L) * 1_000_000L;
        long end = System.currentTimeMillis() * 1_000_000L + 1;
        while (true) {
            String url = realUrl + "/loki/api/v1/query_range?direction=forward&limit=5000&start=" + start + "&end=" + end
                    + "&query=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
            JsonNode result;
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Loki answered " + response.statusCode() + ": " + response.body());
                }
                result = JSON.readTree(response.body()).path("data").path("result");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            int page = 0;
            long last = start;
            for (JsonNode stream : result) {
                Map<String, String> labels = new LinkedHashMap<>();
                stream.path("stream").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                for (JsonNode value : stream.path("values")) {
                    long ts = Long.parseLong(value.get(0).asText());
                    all.add(new Entry(labels, ts, value.get(1).asText()));
                    last = Math.max(last, ts);
                    page++;
                }
            }
            if (page < 5000) {
                break;
            }
            start = last; // the boundary entries come again; the set keeps them once
        }
        List<Entry> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Entry::timestampNanos));
        return sorted;
    }

    @Override
    public void close() {
        if (push != null) {
            push.close();
        }
        if (query != null) {
            query.close();
        }
    }
}
