package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
                .contains("r.yaml: line 2, column 21: type: \"webhook\" is not one of alertmanager, slack, pagerduty, json")
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
}
