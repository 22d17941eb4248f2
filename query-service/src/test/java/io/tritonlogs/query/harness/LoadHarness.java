package io.tritonlogs.query.harness;

import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.testing.LokiAnswerRecorder;
import io.tritonlogs.common.testing.LokiQueryStandIn;

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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load harness, not a test: fires the same question through the query service and straight at
 * Loki with a few concurrent clients, and prints p50/p99 latency and requests per second for both,
 * and the latency the service adds. Loopback only.
 *
 * <pre>
 * ./mvnw -q -pl query-service exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tritonlogs.query.harness.LoadHarness -Dexec.args="http://127.0.0.1:18082 2000 4"
 * </pre>
 * With {@code LOKI_URL} set it compares against that real Loki, first pushing the sessions of
 * {@code fixtures/triton-logs} as container {@code triton_server} when it holds no such errors
 * from the last hour (so both sides answer real entries); else it starts the Loki STAND-IN
 * replaying the recorded {@code query_range-errors} answer, writes its URL to
 * {@code target/harness-loki-url} and waits for the service (started with that LOKI_URL) to be ready.
 */
public final class LoadHarness {

    private static final String QUERY = "{container=\"triton_server\", level=~\"ERROR|FATAL\"}";

    public static void main(String[] args) throws Exception {
        String service = args.length > 0 ? args[0].replaceAll("/+$", "") : "http://127.0.0.1:8082";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        requireLoopback(service);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // The stand-in is the JDK's HttpServer: without TCP_NODELAY each answer waits ~40 ms for a
        // delayed ACK, which would swamp what is measured here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String loki = System.getenv("LOKI_URL");
        LokiQueryStandIn standIn = null;
        if (loki == null) {
            standIn = new LokiQueryStandIn();
            standIn.answer(r -> true, LokiQueryStandIn.recorded("query_range-errors"));
            loki = standIn.url();
            Path file = Path.of("query-service/target/harness-loki-url");
            Files.createDirectories(file.getParent());
            Files.writeString(file, loki);
            System.out.println("Loki stand-in at " + loki + " (written to " + file + "); start the service with LOKI_URL=" + loki);
        }
        loki = loki.replaceAll("/+$", "");
        requireLoopback(loki);
        if (standIn == null) {
            seedIfEmpty(http, loki);
        }
        waitReady(http, service);

        String viaService = service + "/api/v1/logs/errors?container=triton_server&limit=5&since=1h";
        long end = Instant.now().toEpochMilli() * 1_000_000L;
        String direct = loki + "/loki/api/v1/query_range?query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)
                + "&start=" + (end - Duration.ofHours(1).toNanos()) + "&end=" + end + "&limit=5&direction=backward";

        run(http, "warm-up service", viaService, Math.min(500, requests), threads);
        run(http, "warm-up Loki", direct, Math.min(500, requests), threads);
        Result s = run(http, "service", viaService, requests, threads);
        Result d = run(http, "Loki direct", direct, requests, threads);
        System.out.printf("%nrequests=%d threads=%d query=%s%n", requests, threads, QUERY);
        System.out.printf("%-12s %10s %10s %10s %8s%n", "target", "p50 ms", "p99 ms", "req/s", "errors");
        print("service", s);
        print("Loki direct", d);
        System.out.printf("added by the service: p50 %+.2f ms, p99 %+.2f ms%n", s.p50() - d.p50(), s.p99() - d.p99());
        if (standIn != null) {
            System.out.println("stand-in served " + standIn.requests().size() + " requests");
            standIn.close();
        }
    }

    private static void seedIfEmpty(HttpClient http, String loki) throws Exception {
        String count = loki + "/loki/api/v1/query?query=" + URLEncoder.encode("sum(count_over_time(" + QUERY + "[1h]))", StandardCharsets.UTF_8);
        String answer = http.send(HttpRequest.newBuilder(URI.create(count)).build(), HttpResponse.BodyHandlers.ofString()).body();
        if (answer.contains("\"result\":[]")) {
            int entries = LokiAnswerRecorder.pushSessions(loki, "triton_server", Fixtures.tritonLogs());
            System.out.println("pushed " + entries + " entries of fixtures/triton-logs to " + loki + " as container triton_server");
            Thread.sleep(2_000);
        }
    }

    private record Result(double p50, double p99, double perSecond, int errors) {
    }

    private static void print(String name, Result r) {
        System.out.printf("%-12s %10.2f %10.2f %10.0f %8d%n", name, r.p50(), r.p99(), r.perSecond(), r.errors());
    }

    private static Result run(HttpClient http, String name, String url, int requests, int threads) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>(requests));
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Result r = new Result(percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.size() / seconds, errors.get());
        if (name.startsWith("warm-up") && r.errors() > 0) {
            throw new IllegalStateException(name + ": " + r.errors() + " requests failed; is the service pointed at " + url + "'s Loki?");
        }
        return r;
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static void waitReady(HttpClient http, String service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(service + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not started yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service at " + service + " did not become ready");
    }

    private static void requireLoopback(String url) throws Exception {
        String host = URI.create(url).getHost();
        if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("only loopback addresses may be targeted, not " + host);
        }
    }
}
