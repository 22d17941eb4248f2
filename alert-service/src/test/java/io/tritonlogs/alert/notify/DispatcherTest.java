package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.testing.TestJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DispatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final ReceiversConfig config = new ReceiversFileParser(name -> null).parse("r.yaml", """
            receivers:
              - {name: team, type: json, url: "http://127.0.0.1:1/team"}
              - {name: pager, type: pagerduty, url: "http://127.0.0.1:1/pd", routing_key: k}
            route:
              receiver: team
              group_by: [alertname]
              group_wait: 30s
              routes:
                - match: {severity: critical}
                  receiver: pager
                  group_by: [alertname, model_name]
            """);

    static Alert alert(String name, String severity, String model) {
        Map<String, String> labels = Map.of("alertname", name, "severity", severity, "model_name", model);
        return new Alert("f/g/" + name, name + model, labels, Map.of(), AlertState.FIRING, 1, T0, T0, T0, null);
    }

    @Test
    void routesByMatchersGroupsByLabelsAndWaitsGroupWait() {
        List<Alert> alerts = List.of(alert("Burst", "critical", "resnet"), alert("Burst", "critical", "bert"),
                alert("Warn", "warning", "resnet"), alert("Warn", "warning", "bert"));
        List<Notification> sent = new ArrayList<>();
        var states = Dispatcher.dispatch(T0, alerts, Map.of(), config.route(), sent::add);
        assertThat(sent).isEmpty(); // group_wait 30s
        Map<String, GroupState> byKey = new java.util.HashMap<>();
        states.forEach(s -> byKey.put(s.key(), s));

        Dispatcher.dispatch(T0.plusSeconds(30), alerts, byKey, config.route(), sent::add);
        assertThat(sent).extracting(Notification::receiver).containsExactlyInAnyOrder("pager", "pager", "team");
        assertThat(sent).filteredOn(n -> n.receiver().equals("team")).singleElement()
                .satisfies(n -> {
                    assertThat(n.alerts()).hasSize(2);
                    assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"Warn\"}");
                });
        assertThat(sent).filteredOn(n -> n.receiver().equals("pager")).extracting(Notification::groupKey).containsExactlyInAnyOrder(
                "{}/{severity=\"critical\"}:{alertname=\"Burst\", model_name=\"bert\"}",
                "{}/{severity=\"critical\"}:{alertname=\"Burst\", model_name=\"resnet\"}");
    }

    @Test
    void secretsAreResolvedFromTheEnvironmentAndNeverPrinted() {
        ReceiversConfig withSecret = new ReceiversFileParser(Map.of("URL", "http://127.0.0.1:9/x", "KEY", "topsecret")::get).parse("r.yaml", """
                receivers:
                  - {name: a, type: alertmanager, url: "${URL}", secret: "${KEY}"}
                route: {receiver: a}
                """);
        Receiver a = withSecret.receivers().get("a");
        assertThat(a.url()).isEqualTo("http://127.0.0.1:9/x");
        assertThat(a.secret()).isEqualTo("topsecret");
        assertThat(a.toString()).doesNotContain("topsecret").doesNotContain("127.0.0.1");
        assertThat(withSecret.route().groupBy()).containsExactly("alertname");
        assertThat(withSecret.route().sendResolved()).isTrue();
    }

    @Test
    void aBadReceiversFileIsRefusedWithPositionsAndWithoutSecretValues() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(ReceiversFileParser.ReceiversFileException.class,
                () -> new ReceiversFileParser(Map.of("KEY", "topsecret")::get).parse("r.yaml", """
                        receivers:
                          - {name: a, type: webhook, url: "${MISSING_URL}", secret: "${KEY}"}
                        route: {receiver: b, repeat_interval: 4x}
                        """));
        assertThat(e.getMessage())
                .contains("r.yaml: line 2, column 21: type: \"webhook\" is not one of alertmanager, alertmanager-api, slack, pagerduty, json")
                .contains("url: environment variable MISSING_URL is not set")
                .contains("receiver \"b\" is not defined under receivers")
                .contains("repeat_interval: bad duration \"4x\"")
                .doesNotContain("topsecret");
    }

    @Test
    void aReceiverUrlThatIsNotHttpIsRefusedAtLoadWithoutQuotingIt() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(ReceiversFileParser.ReceiversFileException.class,
                () -> new ReceiversFileParser(Map.of("HOOK", "hooks.example/T000/B000/s3cr3t-path")::get).parse("r.yaml", """
                        receivers:
                          - {name: a, type: slack, url: "${HOOK}"}
                        route: {receiver: a}
                        """));
        assertThat(e.getMessage()).contains("r.yaml: line 2, column ").contains("url: not an absolute http:// or https:// URL")
                .doesNotContain("s3cr3t");
    }

    @Test
    void anAlertmanagerApiFeedIgnoresGroupWaitAndRepeatIntervalResendsEveryResendDelayAndResolvesOnce() throws Exception {
        ReceiversConfig am = new ReceiversFileParser(name -> null).parse("r.yaml", """
                receivers:
                  - {name: am, type: alertmanager-api, url: "http://127.0.0.1:1/"}
                route: {receiver: am, group_by: [alertname], group_wait: 30s, repeat_interval: 4h, send_resolved: false}
                """);
        assertThat(am.receivers().get("am").target()).isEqualTo("http://127.0.0.1:1/api/v2/alerts");
        AlertmanagerFeed feed = new AlertmanagerFeed(Set.of("am"), Duration.ofMinutes(1), rule -> Duration.ofMinutes(2),
                rule -> "http://query:8082/loki/api/v1/query_range?query=x");
        Alert firing = alert("Burst", "critical", "resnet");
        List<Notification> sent = new ArrayList<>();
        Map<String, GroupState> state = new HashMap<>();
        java.util.function.BiConsumer<Instant, List<Alert>> step = (now, alerts) -> {
            var next = Dispatcher.dispatch(now, alerts, state, am.route(), feed, sent::add);
            state.clear();
            next.forEach(g -> state.put(g.key(), g));
        };

        step.accept(T0, List.of(firing));
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo("firing");
            assertThat(n.groupKey()).isEqualTo("{}:alertmanager-api");
            // 4 × max(resend delay 1m, evaluation interval 2m)
            assertThat(n.handover().get(firing.fingerprint()).endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        });
        step.accept(T0.plusSeconds(30), List.of(firing));
        assertThat(sent).hasSize(1);
        step.accept(T0.plusSeconds(60), List.of(firing));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).handover().get(firing.fingerprint()).endsAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(8)));

        Instant resolvedAt = T0.plusSeconds(90);
        Alert resolved = new Alert(firing.ruleKey(), firing.fingerprint(), firing.labels(), firing.annotations(), AlertState.RESOLVED, 1,
                T0, T0, T0.plusSeconds(60), resolvedAt);
        step.accept(resolvedAt, List.of(resolved));
        step.accept(T0.plusSeconds(150), List.of(resolved));
        step.accept(T0.plusSeconds(210), List.of(resolved));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).status()).isEqualTo("resolved");

        var body = TestJson.MAPPER.readTree(Payloads.build(am.receivers().get("am"), sent.get(2), "http://alerts:8083"));
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).path("endsAt").asText()).isEqualTo(resolvedAt.toString());
        assertThat(body.get(0).path("startsAt").asText()).isEqualTo(T0.toString());
        assertThat(body.get(0).path("generatorURL").asText()).isEqualTo("http://query:8082/loki/api/v1/query_range?query=x");
        var firingBody = TestJson.MAPPER.readTree(Payloads.build(am.receivers().get("am"), sent.get(0), "http://alerts:8083"));
        assertThat(firingBody.get(0).path("endsAt").asText()).isEqualTo(T0.plus(Duration.ofMinutes(8)).toString());
        assertThat(firingBody.get(0).path("labels").path("model_name").asText()).isEqualTo("resnet");
        assertThat(firingBody.get(0).has("status")).isFalse();
    }

    @Test
    void generatorUrlsLinkGrafanaExploreOrTheQueryServicesLokiApi() {
        String expr = "sum(count_over_time({level=\"ERROR\"}[1m])) > 10";
        assertThat(new GeneratorUrl("http://query-service:8082/", "loki").forExpr(expr))
                .isEqualTo("http://query-service:8082/loki/api/v1/query_range?query=sum%28count_over_time%28%7Blevel%3D%22ERROR%22%7D%5B1m%5D%29%29%20%3E%2010");
        String grafana = new GeneratorUrl("http://localhost:3000", "loki").forExpr(expr);
        assertThat(grafana).startsWith("http://localhost:3000/explore?left=");
        String left = java.net.URLDecoder.decode(grafana.substring(grafana.indexOf('=') + 1), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(left).isEqualTo("{\"datasource\":\"loki\",\"queries\":[{\"refId\":\"A\",\"expr\":\"sum(count_over_time({level=\\\"ERROR\\\"}[1m])) > 10\","
                + "\"queryType\":\"range\",\"datasource\":{\"type\":\"loki\",\"uid\":\"loki\"}}],\"range\":{\"from\":\"now-1h\",\"to\":\"now\"}}");
        assertThat(new GeneratorUrl("https://grafana.example.com", "loki").forExpr(expr)).startsWith("https://grafana.example.com/explore?left=");
        assertThat(new GeneratorUrl("https://ops.example.com/grafana", "logs").forExpr(expr)).startsWith("https://ops.example.com/grafana/explore?left=");
    }
}
