package io.tritonlogs.alert.harness;

import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.alert.notify.ReceiversFileParser;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.testing.LokiVectors;
import io.tritonlogs.alert.testing.RecordingReceiver;
import io.tritonlogs.alert.testing.TestEngine;
import io.tritonlogs.common.testing.LokiQueryStandIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Not a test: measures (1) how many rules one instance evaluates per second against Loki (the
 * stand-in on loopback, or a real Loki when LOKI_URL is set), state, dispatch and state file
 * included; (2) the time from the first evaluation that sees the threshold crossed to the webhook
 * request arriving at a local receiver ({@code for: 0s}). The scheduler adds up to one tick (1s)
 * plus up to one group interval in front of (2); that part is configuration, not measured.
 *
 * <pre>
 * ./mvnw -B -q -o test-compile -pl alert-service
 * ./mvnw -B -q -o -pl alert-service exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tritonlogs.alert.harness.AlertHarness [-Dexec.args="400 5"]
 * </pre>
 */
public final class AlertHarness {

    public static void main(String[] args) throws Exception {
        // the JDK HttpServer behind the stand-in and the receiver otherwise leaves Nagle on, which with
        // delayed ACKs adds ~40 ms per request; Loki (Go) and real webhooks set TCP_NODELAY
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String lokiUrl = System.getenv("LOKI_URL");
        try (LokiQueryStandIn standIn = new LokiQueryStandIn(); RecordingReceiver receiver = new RecordingReceiver()) {
            String loki = lokiUrl != null ? lokiUrl : standIn.url();
            System.out.printf("Loki: %s%n", lokiUrl != null ? "real, " + lokiUrl : "stand-in on loopback (scripted 3-series vector answers)");
            standIn.answer(r -> true, LokiQueryStandIn.Answer.json(200, """
                    {"status":"success","data":{"resultType":"vector","result":[
                     {"metric":{"model_name":"resnet"},"value":[1795534410.727,"12"]},
                     {"metric":{"model_name":"bert"},"value":[1795534410.727,"3"]},
                     {"metric":{"model_name":"whisper"},"value":[1795534410.727,"0"]}],"stats":{}}}"""));
            ReceiversConfig receivers = new ReceiversFileParser(n -> null).parse("r.yaml", """
                    receivers: [{name: hook, type: alertmanager, url: "%s", secret: harness-key}]
                    route: {receiver: hook, group_by: [alertname, model_name], group_wait: 0s, repeat_interval: 4h}
                    """.formatted(receiver.url("/hook")));

            // (0) baseline: bare instant queries, no evaluation
            var bare = io.tritonlogs.alert.testing.LokiClients.queryClient(loki, Duration.ofSeconds(10));
            for (int i = 0; i < 200; i++) {
                bare.instantQuery("sum(count_over_time({level=\"ERROR\"}[1m]))", Instant.now());
            }
            long bareStart = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                bare.instantQuery("sum(count_over_time({level=\"ERROR\"}[1m]))", Instant.now());
            }
            System.out.printf("baseline: %.0f bare instant queries/s%n", 1000 / ((System.nanoTime() - bareStart) / 1e9));

            // (1) rules per second
            List<RuleGroup> groups = groups(rules);
            Path dir = Files.createTempDirectory("alert-harness");
            TestEngine engine = new TestEngine(dir, loki, receivers);
            Instant t = Instant.now();
            groups.forEach(g -> engine.evaluator.evaluateGroup(g, t)); // warm-up
            long start = System.nanoTime();
            for (int round = 1; round <= rounds; round++) {
                Instant at = t.plusSeconds(60L * round);
                groups.forEach(g -> engine.evaluator.evaluateGroup(g, at));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput: %d rules x %d rounds in %.2f s = %.0f rules/s (one instance, sequential, %d groups of 20)%n",
                    rules, rounds, seconds, rules * rounds / seconds, groups.size());

            // (2) threshold crossing -> webhook delivery
            if (lokiUrl == null) {
                List<Double> millis = new ArrayList<>();
                RuleGroup one = new RuleFileParser(Duration.ofMinutes(1)).parse("latency.yaml", """
                        groups:
                          - name: latency
                            interval: 1s
                            rules:
                              - alert: Burst
                                expr: sum by (model_name) (count_over_time({level="ERROR"}[1m])) > 10
                          """).get(0);
                for (int i = 0; i < 50; i++) {
                    Path d = Files.createTempDirectory("alert-latency");
                    TestEngine e = new TestEngine(d, loki, receivers);
                    standIn.reset();
                    receiver.reset();
                    standIn.answer(r -> true, LokiVectors.empty());
                    e.evaluator.evaluateGroup(one, Instant.now());
                    standIn.answer(r -> true, LokiVectors.vector(1795534410.727, Map.of("model_name", "m" + i), "12")); // threshold crossed
                    long crossed = System.nanoTime();
                    e.evaluator.evaluateGroup(one, Instant.now());
                    e.deliverer.deliverDue(Instant.now());
                    while (receiver.accepted().isEmpty()) {
                        Thread.onSpinWait();
                    }
                    millis.add((System.nanoTime() - crossed) / 1e6);
                }
                double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("crossing -> delivery (evaluation + outbox fsync + signed POST), 50 runs: p50 %.1f ms, p90 %.1f ms, max %.1f ms;"
                        + " plus up to 1 s scheduler tick and up to one group interval in the service%n",
                        sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], Arrays.stream(sorted).max().orElse(0));
            }
        }
        System.exit(0); // the loopback servers' worker threads are not daemons
    }

    static List<RuleGroup> groups(int rules) {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int i = 0; i < rules; i++) {
            if (i % 20 == 0) {
                yaml.append("  - name: g").append(i / 20).append("\n    interval: 1m\n    rules:\n");
            }
            yaml.append("      - alert: R").append(i).append('\n')
                    .append("        expr: sum by (model_name) (count_over_time({level=\"ERROR\", container=~\".+\"}[1m])) > ").append(i % 5).append('\n')
                    .append("        for: 1m\n");
        }
        return new RuleFileParser(Duration.ofMinutes(1)).parse("harness.yaml", yaml.toString());
    }
}
