package io.tritonlogs.system;

import io.tritonlogs.common.testing.RealLoki;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** What every system test shares: the packaged services, unique container names, writers, the tally. */
final class Suite {

    static final Pattern NUMBERED = Pattern.compile("I1125 10:00:00\\.000000 1 e2e\\.cc:1\\] run [0-9]+ line [0-9]+");

    private Suite() {
    }

    /** The packaged jar of a service; fails with the command that builds it when it is missing. */
    static String jar(String service) {
        String relative = service + "-service/target/quarkus-app/quarkus-run.jar";
        String path = System.getProperty(service + ".jar", Files.isRegularFile(Path.of(relative)) ? relative : "../" + relative);
        if (!Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: system-tests run the packaged services; build them first "
                    + "(./mvnw verify from the root does, or ./mvnw -o install -DskipTests)");
        }
        return path;
    }

    static Path out() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("system-tests.out", "target/system-tests")));
    }

    static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory(out(), name);
    }

    /** A unique container name prefix for this run; the collector only follows names starting with it. */
    static String prefix() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ServiceProcess collector(String pushUrl, Path data, String prefix, Map<String, String> extra) throws IOException {
        Files.createDirectories(data);
        Map<String, String> env = new HashMap<>(Map.of(
                "LOKI_URL", pushUrl,
                "COLLECTOR_DATA_DIR", data.toString(),
                "COLLECTOR_DOCKER_INCLUDE_NAMES", "^" + prefix,
                "COLLECTOR_SHIPPING_BATCH_MAX_WAIT", "200ms",
                "COLLECTOR_SHIPPING_MAX_BACKOFF", "2s"));
        env.putAll(extra);
        return new ServiceProcess(jar("collector"), env, data.resolve("collector.log"));
    }

    static ServiceProcess queryService(String lokiUrl, Path dir) throws IOException {
        return new ServiceProcess(jar("query"), Map.of("LOKI_URL", lokiUrl), dir.resolve("query-service.log"));
    }

    /**
     * The alert-service with one rule group ({@code interval: 1s}, {@code for: 0s}): more than
     * {@code threshold} ERROR/FATAL entries of the container per model in one minute; route to {@code hook}.
     */
    static ServiceProcess alertService(String lokiUrl, Path dir, String container, int threshold, String hook,
                                       Map<String, String> extra) throws IOException {
        return alertService(lokiUrl, dir, "TritonErrorBurst", alertExpr(container, threshold), hook, extra);
    }

    /** The packaged alert-service with one rule, evaluated every second, and one Alertmanager-format receiver. */
    static ServiceProcess alertService(String lokiUrl, Path dir, String alert, String expr, String hook,
                                       Map<String, String> extra) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("e2e.yaml"), """
                groups:
                  - name: e2e
                    interval: 1s
                    rules:
                      - alert: %s
                        expr: %s
                        for: 0s
                        labels:
                          severity: critical
                        annotations:
                          summary: "{{ $value }} errors for {{ $labels.model_name }}"
                """.formatted(alert, expr));
        Files.writeString(dir.resolve("receivers.yaml"), """
                receivers:
                  - name: oncall
                    type: alertmanager
                    url: %s
                route:
                  receiver: oncall
                  group_by: [alertname, model_name]
                  group_wait: 0s
                  repeat_interval: 4h
                  send_resolved: true
                """.formatted(hook));
        Map<String, String> env = new HashMap<>(Map.of(
                "LOKI_URL", lokiUrl,
                "ALERT_RULES_DIR", rules.toString(),
                "ALERT_RECEIVERS_FILE", dir.resolve("receivers.yaml").toString(),
                "ALERT_DATA_DIR", dir.resolve("alert-data").toString()));
        env.putAll(extra);
        return new ServiceProcess(jar("alert"), env, dir.resolve("alert-service.log"));
    }

    static String alertExpr(String container, int threshold) {
        return "sum by (model_name) (count_over_time({container=\"" + container + "\", level=~\"ERROR|FATAL\"}[1m])) > " + threshold;
    }

    /**
     * A writer script: "run R line 1" … "run R line N" in bursts of {@code perSecond} a second,
     * then idle. R counts the container's starts (kept in the container's own file system), so a
     * restarted container writes new, distinct lines.
     */
    static String numberedWriter(int lines, int perSecond) {
        return "trap 'exit 0' TERM; r=$(cat /runs 2>/dev/null); r=$((${r:-0}+1)); echo $r > /runs; i=0; "
                + "while [ $i -lt " + lines + " ]; do i=$((i+1)); echo \"I1125 10:00:00.000000 1 e2e.cc:1] run $r line $i\"; "
                + "if [ $((i % " + perSecond + ")) -eq 0 ]; then sleep 1; fi; done; while true; do sleep 1; done";
    }

    /** The numbered lines a container wrote, from {@code docker logs} (every run of it). */
    static List<String> writtenLines(String container) {
        Busybox.Result logs = Busybox.run(true, "docker", "logs", container);
        List<String> lines = new ArrayList<>();
        for (String line : logs.output().split("\n")) {
            if (NUMBERED.matcher(line).matches()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Memory of a service process in JVM mode, from {@code /proc/<pid>/status}. */
    static String memory(String name, ServiceProcess service) throws IOException {
        String vmHwm = "?";
        String vmRss = "?";
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(service.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                vmHwm = line.substring(6).trim();
            } else if (line.startsWith("VmRSS:")) {
                vmRss = line.substring(6).trim();
            }
        }
        return name + " VmHWM " + vmHwm + " VmRSS " + vmRss;
    }

    /** The closing count of a run, printed and appended to target/system-tests/tally.txt. */
    static void tally(String run, long written, long received, long storedDuplicates, long resent, String notifications) throws IOException {
        String line = String.format("%s: lines written %d, received by %s %d, duplicates stored %d (re-sent and dropped as Loki does: %s), notifications %s%n",
                run, written, RealLoki.url().isEmpty() ? "the stand-in" : "Loki", received, storedDuplicates,
                resent < 0 ? "n/a" : String.valueOf(resent), notifications);
        System.out.print(line);
        Files.writeString(out().resolve("tally.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void report(String text) throws IOException {
        System.out.println(text);
        Files.writeString(out().resolve("report.txt"), text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
