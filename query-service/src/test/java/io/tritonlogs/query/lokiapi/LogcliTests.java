package io.tritonlogs.query.lokiapi;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tritonlogs.common.testing.RealLoki;
import io.tritonlogs.query.testing.RealLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tritonlogs.query.lokiapi.TwoTeams.FROM;
import static io.tritonlogs.query.lokiapi.TwoTeams.NAMESPACE_A;
import static io.tritonlogs.query.lokiapi.TwoTeams.NAMESPACE_B;
import static io.tritonlogs.query.lokiapi.TwoTeams.RUN;
import static io.tritonlogs.query.lokiapi.TwoTeams.TO;
import static io.tritonlogs.query.lokiapi.TwoTeams.TOKEN_A;
import static io.tritonlogs.query.lokiapi.TwoTeams.TOKEN_B;
import static io.tritonlogs.query.lokiapi.TwoTeams.TOKEN_OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real logcli 3.4.2 pointed at the query-service in front of a real Loki 3.4.2 holding two
 * teams' logs: with a team's token (Basic as logcli's {@code --username/--password}, or
 * {@code --bearer-token}) it sees exactly that team's entries, label values, series and live tail,
 * however its query is written; with the operations token it prints exactly what it prints when
 * pointed at Loki itself.
 */
@QuarkusTest
@TestProfile(TwoTeams.Profile.class)
@WithTestResource(RealLokiResource.class)
class LogcliTests {

    @BeforeEach
    void seeded() throws Exception {
        assumeTrue(RealLokiResource.lokiUrl() != null, RealLoki.describe());
        assumeTrue(Logcli.binary().isPresent(), Logcli.describe());
        TwoTeams.seed();
    }

    private static String service() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static List<String> teamA(String... args) {
        List<String> out = new ArrayList<>(List.of("--addr=" + service(), "--username=team-a", "--password=" + TOKEN_A, "--quiet"));
        out.addAll(List.of(args));
        return out;
    }

    private static List<String> window(String... args) {
        List<String> out = new ArrayList<>(List.of(args));
        out.addAll(List.of("--from=" + FROM, "--to=" + TO));
        return out;
    }

    private static Logcli.Run ok(List<String> args) throws Exception {
        Logcli.Run run = Logcli.run(args);
        assertThat(run.exit()).as("logcli %s\nstderr: %s", args, run.err()).isZero();
        return run;
    }

    @Test
    void aTeamsQueriesReadOnlyItsOwnEntriesHoweverTheyAreWritten() throws Exception {
        List<String> expected = TwoTeams.linesOf(NAMESPACE_A);
        for (String query : List.of(
                "{namespace=~\".+\"}",
                "{namespace=\"" + NAMESPACE_B + "\"}",
                "{namespace!=\"" + NAMESPACE_A + "\", container=\"triton\"}",
                "{namespace=~\"team-.*\", namespace=~\".*" + RUN + "\"}",
                "{container=\"triton\", namespace=\"" + NAMESPACE_A + "\", namespace=\"" + NAMESPACE_B + "\"} |~ \"team\"",
                "{container=\"triton\"} | namespace=\"" + NAMESPACE_B + "\" or namespace=\"" + NAMESPACE_A + "\"",
                "{container=\"triton\"} | label_format namespace=\"" + NAMESPACE_B + "\"",
                "{__name__=~\".*\", container=\"triton\"}")) {
            List<String> args = teamA(window("query", "--output=raw", "--limit=5000", "--forward", query).toArray(String[]::new));
            List<String> lines = ok(args).lines().stream().filter(l -> l.contains(RUN)).toList();
            assertThat(lines).as(query).isEqualTo(expected);
        }
        List<String> bearer = List.of("--addr=" + service(), "--bearer-token=" + TOKEN_B, "--quiet", "query", "--output=raw", "--limit=5000",
                "--forward", "--from=" + FROM, "--to=" + TO, "{namespace=~\".+\"}");
        assertThat(ok(bearer).lines().stream().filter(l -> l.contains(RUN)).toList()).isEqualTo(TwoTeams.linesOf(NAMESPACE_B));
    }

    @Test
    void metricQueriesAndBinaryOperationsCountOnlyTheTeamsStreams() throws Exception {
        String at = "--now=" + TO;
        for (String query : List.of(
                "sum by (namespace) (count_over_time({namespace=~\".+\"}[1h]))",
                "sum by (namespace) (count_over_time({namespace=\"" + NAMESPACE_B + "\"}[1h])) or sum by (namespace) (count_over_time({container=\"triton\"}[1h]))",
                "sum by (namespace) (count_over_time({namespace=~\".+\"}[1h])) unless sum by (namespace) (count_over_time({namespace=\"" + NAMESPACE_A + "\"}[1h]))",
                "label_replace(sum by (namespace) (count_over_time({namespace=\"" + NAMESPACE_B + "\"}[1h])), \"namespace\", \"x\", \"\", \"\") or sum by (namespace) (count_over_time({namespace=~\".+\"}[1h]))")) {
            String out = ok(teamA("instant-query", at, query)).out();
            assertThat(out).as(query).doesNotContain(NAMESPACE_B).doesNotContain("secret-");
            if (!query.contains("unless")) {
                assertThat(out).as(query).contains("\"" + NAMESPACE_A + "\"").contains("\"" + TwoTeams.ENTRIES_PER_TEAM + "\"");
            }
        }
    }

    @Test
    void labelsAndSeriesListOnlyTheTeamsValues() throws Exception {
        List<String> namespaces = ok(teamA(window("labels", "namespace").toArray(String[]::new))).lines();
        assertThat(namespaces).containsExactly(NAMESPACE_A);
        List<String> names = ok(teamA(window("labels").toArray(String[]::new))).lines();
        assertThat(names).contains("namespace", "container", "level").doesNotContain("b_only");
        assertThat(ok(teamA(window("labels", "b_only").toArray(String[]::new))).lines()).isEmpty();
        for (String matcher : List.of("{}", "{namespace=~\".+\"}", "{namespace=\"" + NAMESPACE_B + "\"}", "{b_only=~\".+\"}")) {
            List<String> series = ok(teamA(window("series", matcher).toArray(String[]::new))).lines();
            assertThat(series).as(matcher).allSatisfy(s -> assertThat(s).contains("namespace=\"" + NAMESPACE_A + "\"").doesNotContain("b_only"));
            if (!matcher.contains("b_only")) {
                assertThat(series).as(matcher).hasSize(2);
            }
        }
        List<String> directStats = new ArrayList<>(List.of("--addr=" + TwoTeams.lokiUrl(), "--quiet"));
        directStats.addAll(window("stats", "{namespace=\"" + NAMESPACE_A + "\"}"));
        assertThat(ok(teamA(window("stats", "{namespace=~\".+\"}").toArray(String[]::new))).out()).isEqualTo(ok(directStats).out());
    }

    @Test
    void theLiveTailCarriesOnlyTheTeamsEntries() throws Exception {
        java.nio.file.Path errors = java.nio.file.Files.createTempFile("logcli-tail", ".err");
        Process tail = Logcli.start(teamA("query", "--tail", "--output=raw", "--delay-for=0", "{namespace=~\".+\"}"), errors);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    seen.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            String marker = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            // The tail may take a moment to open: push until team A's live entry comes through.
            while (seen.stream().noneMatch(l -> l.equals("live " + NAMESPACE_A + " " + marker)) && System.nanoTime() < deadline) {
                TwoTeams.pushLive(marker);
                Thread.sleep(1500);
            }
            assertThat(seen).as("tail output").contains("live " + NAMESPACE_A + " " + marker)
                    .noneSatisfy(l -> assertThat(l).contains(NAMESPACE_B));
        } finally {
            tail.destroy();
            reader.join(5000);
        }
        assertThat(java.nio.file.Files.readString(errors)).doesNotContain("Error response from server");
    }

    @Test
    void theOperationsTokenPrintsExactlyWhatLokiItselfGives() throws Exception {
        String selector = "{namespace=~\"" + NAMESPACE_A + "|" + NAMESPACE_B + "\"}";
        List<List<String>> commands = List.of(
                window("query", "--output=jsonl", "--limit=5000", selector),
                window("query", "--output=raw", "--limit=7", "--batch=3", selector),
                List.of("instant-query", "--now=" + TO, "sum by (namespace, level) (count_over_time(" + selector + "[1h]))"),
                window("labels", "namespace"),
                window("series", selector),
                window("stats", selector));
        for (List<String> command : commands) {
            List<String> viaService = new ArrayList<>(List.of("--addr=" + service(), "--username=ops", "--password=" + TOKEN_OPS, "--quiet"));
            viaService.addAll(command);
            List<String> direct = new ArrayList<>(List.of("--addr=" + TwoTeams.lokiUrl(), "--quiet"));
            direct.addAll(command);
            Logcli.Run fromService = ok(viaService);
            if (command.contains("series")) {
                // Loki lists series in no fixed order: the same lines, in any order.
                assertThat(fromService.lines()).as("logcli %s", command).isNotEmpty().containsExactlyInAnyOrderElementsOf(ok(direct).lines());
            } else {
                assertThat(fromService.out()).as("logcli %s", command).isNotBlank().isEqualTo(ok(direct).out());
            }
        }
    }

    @Test
    void aWrongOrMissingTokenIsRefusedAndLogcliSaysSo() throws Exception {
        for (List<String> credentials : List.of(List.<String>of(), List.of("--username=team-a", "--password=wrong"),
                List.of("--username=team-b", "--password=" + TOKEN_A), List.of("--bearer-token=nope"))) {
            List<String> args = new ArrayList<>(List.of("--addr=" + service(), "--quiet"));
            args.addAll(credentials);
            args.addAll(window("query", "{namespace=~\".+\"}"));
            Logcli.Run run = Logcli.run(args);
            assertThat(run.exit()).as("logcli with %s", credentials).isNotZero();
            assertThat(run.err()).contains("token").doesNotContain(TOKEN_A);
            assertThat(run.out()).doesNotContain(RUN);
        }
    }
}
