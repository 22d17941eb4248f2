package io.tritonlogs.query.lokiapi;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tritonlogs.query.auth.AuthProfile;
import io.tritonlogs.query.testing.StandInLokiResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The alert-service's Prometheus rules API passed through for Grafana. The alert-service here is a
 * real HTTP server answering in the format the alert-service's own PrometheusRulesApiTests pin:
 * one rule firing for two namespaces, one inactive.
 */
@QuarkusTest
@TestProfile(AlertRulesProxyTests.Profile.class)
@WithTestResource(StandInLokiResource.class)
class AlertRulesProxyTests {

    static final String RULES = """
            {"status":"success","data":{"groups":[{"name":"triton","file":"triton.yaml","interval":60,"rules":[\
            {"state":"firing","name":"TritonErrors","query":"sum by (namespace) (rate({level=\\"ERROR\\"}[5m])) > 1","duration":0,\
            "labels":{"severity":"critical"},"annotations":{},"alerts":[\
            {"labels":{"alertname":"TritonErrors","namespace":"team-a","severity":"critical"},"annotations":{},"state":"pending","activeAt":"2026-12-02T10:00:00Z","value":"2e+00"},\
            {"labels":{"alertname":"TritonErrors","namespace":"team-b","severity":"critical"},"annotations":{},"state":"firing","activeAt":"2026-12-02T10:00:00Z","value":"3e+00"}],\
            "health":"ok","lastError":"","type":"alerting","lastEvaluation":"2026-12-02T10:05:00Z","evaluationTime":0.01},\
            {"state":"inactive","name":"TritonFatal","query":"count_over_time({level=\\"FATAL\\"}[1m]) > 0","duration":0,"labels":{},\
            "annotations":{},"alerts":[],"health":"ok","lastError":"","type":"alerting","lastEvaluation":"2026-12-02T10:05:00Z","evaluationTime":0.01}],\
            "lastEvaluation":"2026-12-02T10:05:00Z","evaluationTime":0.02}]}}""";
    static final String ALERTS = """
            {"status":"success","data":{"alerts":[\
            {"labels":{"alertname":"TritonErrors","namespace":"team-a"},"annotations":{},"state":"pending","activeAt":"2026-12-02T10:00:00Z","value":"2e+00"},\
            {"labels":{"alertname":"TritonErrors","namespace":"team-b"},"annotations":{},"state":"firing","activeAt":"2026-12-02T10:00:00Z","value":"3e+00"},\
            {"labels":{"alertname":"NoNamespace"},"annotations":{},"state":"firing","activeAt":"2026-12-02T10:00:00Z","value":"1e+00"}]}}""";
    static final List<String> ASKED = new CopyOnWriteArrayList<>();
    static final HttpServer ALERT_SERVICE = start();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/prometheus/api/v1/", exchange -> {
                ASKED.add(exchange.getRequestURI().toString());
                byte[] body = (exchange.getRequestURI().getPath().endsWith("/rules") ? RULES : ALERTS).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Profile extends AuthProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("query.alert-service-url", "http://127.0.0.1:" + ALERT_SERVICE.getAddress().getPort());
            return config;
        }
    }

    @Test
    void anUnscopedTokenGetsTheAlertServicesAnswerAsItIs() {
        given().header("Authorization", "Bearer " + AuthProfile.OPS).queryParam("type", "alert").queryParam("rule_name[]", "TritonErrors")
                .queryParam("evil", "x").get("/prometheus/api/v1/rules").then().statusCode(200).body(equalTo(RULES));
        String asked = ASKED.get(ASKED.size() - 1);
        assertThat(asked).startsWith("/prometheus/api/v1/rules?");
        assertThat(asked.substring(asked.indexOf('?') + 1).split("&")).containsExactlyInAnyOrder("type=alert", "rule_name%5B%5D=TritonErrors");
        given().header("Authorization", "Bearer " + AuthProfile.OPS).get("/prometheus/api/v1/alerts").then().statusCode(200).body(equalTo(ALERTS));
    }

    @Test
    void aScopedTokenSeesEveryRuleButOnlyItsOwnAlerts() {
        given().header("Authorization", "Bearer " + AuthProfile.TEAM_A).get("/prometheus/api/v1/rules").then().statusCode(200)
                .body("data.groups[0].rules.name", equalTo(List.of("TritonErrors", "TritonFatal")))
                .body("data.groups[0].rules[0].alerts.labels.namespace", equalTo(List.of("team-a")))
                .body("data.groups[0].rules[0].state", equalTo("pending"))
                .body("data.groups[0].rules[1].state", equalTo("inactive"));
        given().header("Authorization", "Bearer " + AuthProfile.TEAM_A).get("/prometheus/api/v1/alerts").then().statusCode(200)
                .body("data.alerts.labels.alertname", equalTo(List.of("TritonErrors")))
                .body("data.alerts[0].labels.namespace", equalTo("team-a"));
        given().get("/prometheus/api/v1/alerts").then().statusCode(401).body(containsString("needs a token"));
    }

    @Test
    void matchersApplyToAlertLabelsAsToStreamLabels() {
        var ns = io.tritonlogs.common.logql.ast.Matcher.regex("namespace", "team-(a|c)");
        assertThat(AlertRulesProxy.accepts(ns, "team-a")).isTrue();
        assertThat(AlertRulesProxy.accepts(ns, "team-ab")).as("regexes are anchored").isFalse();
        assertThat(AlertRulesProxy.accepts(ns, "")).isFalse();
    }
}
