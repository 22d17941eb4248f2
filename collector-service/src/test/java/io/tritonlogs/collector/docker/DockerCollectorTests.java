package io.tritonlogs.collector.docker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.collector.testing.StandInLoki;
import io.tritonlogs.common.testing.Fixtures;
import io.tritonlogs.common.testing.LokiPushStandIn.ReceivedEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/**
 * The collector as a Quarkus app against the real Docker engine and the Loki push stand-in:
 * every container here is started after the collector, from a busybox image, network none.
 */
@QuarkusTest
@QuarkusTestResource(value = StandInLoki.class, restrictToAnnotatedClass = true)
class DockerCollectorTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FIXTURES = Fixtures.tritonLogs().toAbsolutePath().toString();

    private static String name(String test) {
        return "tlt-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, List<ReceivedEntry>> streamsOf(String container) {
        return StandInLoki.loki().stored().entrySet().stream()
                .filter(e -> e.getKey().contains("container=\"" + container + "\""))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> linesOf(String container) {
        return streamsOf(container).values().stream().flatMap(List::stream).map(ReceivedEntry::line).toList();
    }

    private static int entryCount(String container) {
        return linesOf(container).size();
    }

    @Test
    void tritonSessionOnStdoutAndStderrArrivesWithStreamLevelModelAndJoinedTables() {
        String name = name("session");
        Busybox.start(name, false, "cat /fixtures/04-escaped-startup-ok.log; cat /fixtures/02-legacy-startup-fail.log >&2; "
                + "cat /fixtures/06-escaped-traffic.log; sleep 60", "-v", FIXTURES + ":/fixtures:ro");
        // Entries = lines that are not continuations in expected.tsv: 16 (04) + 20 (02) + 89 (06).
        Await.until(WAIT, "125 entries of " + name, () -> entryCount(name) >= 125);
        Map<String, List<ReceivedEntry>> streams = Await.settled(WAIT, Duration.ofSeconds(2), () -> streamsOf(name));
        assertThat(streams.values().stream().mapToInt(List::size).sum()).isEqualTo(125);

        String failedLoad = key(streams, "level=\"ERROR\", model_name=\"simple_identity\", service=\"" + name + "\", stream=\"stderr\"");
        assertThat(streams.get(failedLoad)).extracting(ReceivedEntry::line)
                .anyMatch(l -> l.contains("failed to load 'simple_identity' version 1"));
        String foreignError = key(streams, "level=\"ERROR\", service=\"" + name + "\", stream=\"stderr\"");
        assertThat(streams.get(foreignError)).extracting(ReceivedEntry::line)
                .contains("error: creating server: Internal - failed to load all models");
        assertThat(key(streams, "level=\"WARNING\", service=\"" + name + "\", stream=\"stdout\"")).isNotNull();

        List<String> lines = linesOf(name);
        String table = lines.stream().filter(l -> l.startsWith("I0816 01:03:27.013171 90210 server.cc:634]")).findFirst().orElseThrow();
        assertThat(table.split("\n")).hasSize(9);
        assertThat(table).contains("| simple_identity | 1       | UNAVAILABLE: Invalid argument: see log |");
        assertThat(lines).noneMatch(l -> l.contains("swordfish")).anyMatch(l -> l.contains("password=***REDACTED***"));
        Busybox.remove(name);
    }

    @Test
    void ttyContainerIsReadAsStdoutWithoutCarriageReturns() {
        String name = name("tty");
        Busybox.start(name, true, "echo 'I1201 10:30:45.123456 1 server.cc:1] tty one'; echo 'E1201 10:30:45.123457 1 server.cc:2] tty two'; "
                + "echo 'Downloading the model repository'; sleep 60");
        Await.until(WAIT, "3 entries of " + name, () -> entryCount(name) >= 3);
        Map<String, List<ReceivedEntry>> streams = Await.settled(WAIT, Duration.ofSeconds(1), () -> streamsOf(name));
        assertThat(streams.keySet()).allMatch(k -> k.contains("stream=\"stdout\""));
        assertThat(linesOf(name)).containsExactlyInAnyOrder("I1201 10:30:45.123456 1 server.cc:1] tty one",
                "E1201 10:30:45.123457 1 server.cc:2] tty two", "Downloading the model repository");
        assertThat(streams.get(key(streams, "level=\"UNKNOWN\", service=\"" + name + "\", stream=\"stdout\"")))
                .as("another program's line, with no level word in it").extracting(ReceivedEntry::line)
                .containsExactly("Downloading the model repository");
        Busybox.remove(name);
    }

    @Test
    void containerRestartedThreeTimesLosesNoLine() {
        String name = name("restart");
        String script = "i=0; while [ $i -lt 50 ]; do i=$((i+1)); echo \"I1201 10:30:45.000000 1 loop.cc:1] line $i\"; done; sleep 60";
        Busybox.start(name, false, script);
        Await.until(WAIT, "first run of " + name, () -> entryCount(name) >= 50);
        for (int run = 2; run <= 4; run++) {
            Busybox.run(true, "docker", "restart", "-t", "0", name);
            int expected = run * 50;
            Await.until(WAIT, expected + " entries of " + name, () -> entryCount(name) >= expected);
        }
        List<String> lines = Await.settled(WAIT, Duration.ofSeconds(2), () -> linesOf(name));
        assertThat(lines).hasSize(200);
        for (int i = 1; i <= 50; i++) {
            String line = "I1201 10:30:45.000000 1 loop.cc:1] line " + i;
            assertThat(lines.stream().filter(line::equals).count()).as(line).isEqualTo(4);
        }
        Busybox.remove(name);
    }

    @Test
    void hugeLineIsTruncatedAndInvalidUtf8IsRepairedAndCounted() {
        String name = name("hostile");
        // The local log driver keeps the bytes as written (json-file would already replace them).
        Busybox.start(name, false, "head -c 1048576 /dev/zero | tr '\\000' 'a'; echo; printf 'bad \\377\\376 bytes\\n'; sleep 60",
                "--log-driver", "local");
        Await.until(WAIT, "2 entries of " + name, () -> entryCount(name) >= 2);
        List<String> lines = linesOf(name);
        String huge = lines.stream().filter(l -> l.startsWith("aaaa")).findFirst().orElseThrow();
        assertThat(huge).hasSizeLessThan(262_144 + 100).endsWith("[truncated by collector: line exceeded 262144 bytes]");
        assertThat(lines).contains("bad \uFFFD\uFFFD bytes");
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("collector_lines_truncated_total(\\{[^}]*})? [1-9]")
                .containsPattern("collector_lines_invalid_utf8_total(\\{[^}]*})? [1-9]");
        Busybox.remove(name);
    }

    @Test
    void modelLabelValuesAreBoundedPerContainer() {
        String name = name("models");
        StringBuilder script = new StringBuilder();
        script.append("i=0; while [ $i -lt 203 ]; do i=$((i+1)); echo \"I1201 10:30:45.000000 1 model_lifecycle.cc:472] loading: model_$i:1\"; done; ");
        Busybox.start(name, false, script + "sleep 60");
        Await.until(WAIT, "203 entries of " + name, () -> entryCount(name) >= 203);
        Map<String, List<ReceivedEntry>> streams = streamsOf(name);
        List<String> models = streams.keySet().stream().filter(k -> k.contains("model_name=")).sorted().toList();
        assertThat(models).as("the default limit of 200 model_name values").hasSize(200);
        assertThat(streams.keySet().stream().filter(k -> !k.contains("model_name=")).mapToInt(k -> streams.get(k).size()).sum()).isEqualTo(3);
        assertThat(given().get("/q/metrics").asString()).containsPattern("collector_model_label_omitted_total(\\{[^}]*})? [3-9]");
        Busybox.remove(name);
    }

    @Test
    void targetsEndpointListsFollowedContainers() {
        String name = name("targets");
        Busybox.start(name, false, "echo 'I1201 10:30:45.123456 1 a.cc:1] hello'; sleep 60");
        Await.until(WAIT, "an entry of " + name, () -> entryCount(name) >= 1);
        given().get("/api/v1/targets").then().statusCode(200)
                .body("targets.name", hasItem(name))
                .body("targets.find { it.name == '" + name + "' }.state", org.hamcrest.Matchers.equalTo("FOLLOWING"));
        Await.until(WAIT, "acknowledged position of " + name, () -> given().get("/api/v1/targets").jsonPath()
                .getString("targets.find { it.name == '" + name + "' }.acknowledged.timestampNanos") != null);
        given().get("/q/health/ready").then().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics)
                .containsPattern("(?m)^collector_lines_read_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^collector_read_bytes_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^collector_entries_sent_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^collector_push_latency_seconds_count(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^collector_followed_targets(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^collector_buffer_fill_ratio(\\{[^}]*})? [0-9]")
                .containsPattern("(?m)^collector_buffer_bytes(\\{[^}]*})? [0-9]");
        Busybox.remove(name);
    }

    private static String key(Map<String, List<ReceivedEntry>> streams, String labelsSuffix) {
        return streams.keySet().stream().filter(k -> k.endsWith(labelsSuffix + "}")).findFirst().orElse(null);
    }
}
