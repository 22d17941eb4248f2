package io.tritonlogs.collector;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry;
import io.tritonlogs.common.testing.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged collector with extra redaction rules ({@code collector.redaction.extra-rules.<name>.*}),
 * set as environment variables the way compose and Kubernetes set them: a faulty rule stops the start
 * with a sentence naming it, a good one masks a line on its way from a pod log file to Loki.
 */
class RedactionRulesIT {

    private static final String JAR = System.getProperty("collector.jar", "target/quarkus-app/quarkus-run.jar");

    private LokiPushStandIn loki;
    private Path data;
    private Path pods;

    @BeforeEach
    void setUp() throws Exception {
        loki = new LokiPushStandIn();
        data = Files.createTempDirectory("collector-redaction-it");
        pods = Files.createDirectories(data.resolve("pods"));
    }

    @AfterEach
    void tearDown() {
        loki.close();
    }

    private Map<String, String> env(Map<String, String> rules) {
        Map<String, String> env = new HashMap<>(Map.of(
                "LOKI_URL", loki.url(),
                "COLLECTOR_SOURCE", "files",
                "COLLECTOR_PODS_DIR", pods.toString(),
                "COLLECTOR_DATA_DIR", data.resolve("state").toString(),
                "COLLECTOR_SHIPPING_BATCH_MAX_WAIT", "200ms"));
        env.putAll(rules);
        return env;
    }

    @Test
    void anInvalidPatternStopsTheStartNamingTheRuleAndTheFault() throws Exception {
        Path log = data.resolve("collector.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env(Map.of(
                "COLLECTOR_REDACTION_EXTRA_RULES_SESSION_PATTERN", "(session_id=\\S+",
                "QUARKUS_HTTP_PORT", "0")));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the collector stops by itself; log: " + log).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("collector.redaction.extra-rules.session", "redaction rule 'session'",
                "invalid regular expression: Unclosed group", "(session_id=\\S+");
    }

    @Test
    void aValidRuleRedactsALineEndToEnd() throws Exception {
        Map<String, String> rules = Map.of(
                // The guide's replacement shape: the key comes back, the value never does.
                "COLLECTOR_REDACTION_EXTRA_RULES_SESSION_PATTERN", "(session_id)=[^\\s\"]+",
                "COLLECTOR_REDACTION_EXTRA_RULES_SESSION_REPLACEMENT", "$1=***REDACTED***",
                // The default replacement masks the whole match.
                "COLLECTOR_REDACTION_EXTRA_RULES_CARD_PATTERN", "\\b\\d{4}(?:[ -]?\\d{4}){3}\\b");
        Path container = Files.createDirectories(pods.resolve("ml_triton-0_5f3c9a11-0000-4000-8000-000000000001/triton"));
        try (ServiceProcess collector = new ServiceProcess(JAR, env(rules), data.resolve("collector.log")).start()) {
            String time = Instant.now().toString();
            Files.writeString(container.resolve("0.log"),
                    time + " stderr F E1201 10:30:45.123456 1 infer_handler.cc:100] \"request failed: session_id=s3cr3t "
                            + "card 4111 1111 1111 1111 password=hunter2\"\n", StandardCharsets.UTF_8);
            Await.until(Duration.ofSeconds(30), "the entry in Loki", () -> !loki.stored(l -> l.contains("container=\"triton\"")).isEmpty());
            List<ReceivedEntry> stored = loki.stored(l -> l.contains("container=\"triton\""));
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).line())
                    .isEqualTo("E1201 10:30:45.123456 1 infer_handler.cc:100] \"request failed: session_id=***REDACTED*** "
                            + "card ***REDACTED*** password=***REDACTED***\"")
                    .doesNotContain("s3cr3t", "4111", "hunter2");
        }
    }
}
