package io.tritonlogs.alert.eval;

import io.tritonlogs.alert.notify.GeneratorUrl;
import io.tritonlogs.alert.notify.ReceiversConfig;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.testing.LokiClients;
import io.tritonlogs.alert.testing.ProtectedLoki;
import io.tritonlogs.alert.testing.TestEngine;
import io.tritonlogs.support.loki.LokiConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rules evaluated against a real multi-tenant Loki behind an authenticating gateway: the tenant and
 * the credentials (Basic, or a bearer token) go with every query, and each way of getting them wrong
 * shows in the rule's health with the answer that refused it.
 */
class ProtectedLokiTest {

    private static final String TENANT = "team-a";
    private static final String USER = "alerts";
    private static final String PASSWORD = "s3cret-pass";
    private static final String TOKEN = "s3cret-token";
    private static final int LINES = 7;
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static ProtectedLoki loki;
    private static RuleGroup group;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startLokiAndPushTheTenantsErrors() throws Exception {
        assumeTrue(ProtectedLoki.executable().isPresent(), ProtectedLoki.describeMissing());
        loki = ProtectedLoki.shared();
        String run = "protected" + Long.toHexString(System.nanoTime());
        loki.push(TENANT, Map.of("service", "alert-test", "level", "ERROR", "model_name", "protected_model", "run", run), LINES);
        group = new RuleFileParser(Duration.ofMinutes(1)).parse("protected.yaml", """
                groups:
                  - name: protected
                    rules:
                      - alert: TenantErrors
                        expr: sum by (model_name) (count_over_time({run="%s", level="ERROR"}[10m])) > 0
                """.formatted(run)).get(0);
        loki.expect(BASIC);
        LokiConnection allowed = connection(Optional.of(TENANT), Optional.of(USER), Optional.of(PASSWORD), Optional.empty());
        for (int poll = 0; poll < 60 && evaluate(allowed).store.all().isEmpty(); poll++) { // until Loki has ingested the push
            Thread.sleep(500);
        }
    }

    @Test
    void theTenantWithBasicCredentialsSeesItsErrors() {
        loki.expect(BASIC);
        TestEngine engine = evaluate(connection(Optional.of(TENANT), Optional.of(USER), Optional.of(PASSWORD), Optional.empty()));

        assertThat(engine.evaluator.health(ruleKey()).health()).as(engine.evaluator.health(ruleKey()).lastError()).isEqualTo("ok");
        assertThat(engine.store.all()).singleElement().satisfies(alert -> {
            assertThat(alert.value()).isEqualTo(LINES);
            assertThat(alert.labels()).containsEntry("model_name", "protected_model");
        });
    }

    @Test
    void theTenantWithABearerTokenSeesItsErrors() {
        loki.expect("Bearer " + TOKEN);
        TestEngine engine = evaluate(connection(Optional.of(TENANT), Optional.empty(), Optional.empty(), Optional.of(TOKEN)));

        assertThat(engine.evaluator.health(ruleKey()).health()).as(engine.evaluator.health(ruleKey()).lastError()).isEqualTo("ok");
        assertThat(engine.store.all()).singleElement().satisfies(alert -> assertThat(alert.value()).isEqualTo(LINES));
    }

    @Test
    void withoutATenantLokiRefusesAndTheRuleReportsIt() {
        loki.expect(BASIC);
        TestEngine engine = evaluate(connection(Optional.empty(), Optional.of(USER), Optional.of(PASSWORD), Optional.empty()));

        RuleHealth health = engine.evaluator.health(ruleKey());
        assertThat(health.health()).isEqualTo("err");
        assertThat(health.lastError()).contains("401").contains("no org id");
        assertThat(engine.store.all()).isEmpty();
        assertThat(engine.counter("alert_evaluation_failures_total", "rule", "TenantErrors")).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAreRefusedByTheGatewayAndTheRuleReportsIt() {
        loki.expect(BASIC);
        TestEngine engine = evaluate(connection(Optional.of(TENANT), Optional.of(USER), Optional.of("wrong"), Optional.empty()));

        RuleHealth health = engine.evaluator.health(ruleKey());
        assertThat(health.health()).isEqualTo("err");
        assertThat(health.lastError()).contains("401").contains(ProtectedLoki.PROXY_REFUSAL);

        loki.expect("Bearer " + TOKEN);
        TestEngine withWrongToken = evaluate(connection(Optional.of(TENANT), Optional.empty(), Optional.empty(), Optional.of("not-the-token")));
        assertThat(withWrongToken.evaluator.health(ruleKey()).lastError()).contains("401").contains(ProtectedLoki.PROXY_REFUSAL);
    }

    @Test
    void anotherTenantSeesNothing() {
        loki.expect(BASIC);
        TestEngine engine = evaluate(connection(Optional.of("team-b"), Optional.of(USER), Optional.of(PASSWORD), Optional.empty()));

        RuleHealth health = engine.evaluator.health(ruleKey());
        assertThat(health.health()).as(health.lastError()).isEqualTo("ok");
        assertThat(health.series()).isZero();
        assertThat(engine.store.all()).isEmpty();
    }

    /** One evaluation of the group by a fresh engine (own data directory, so no state carries over). */
    private static TestEngine evaluate(LokiConnection connection) {
        TestEngine engine = new TestEngine(dataDir.resolve(Long.toHexString(System.nanoTime())), LokiClients.queryClient(connection),
                ReceiversConfig.none(), Duration.ofMinutes(1), new GeneratorUrl("http://127.0.0.1:8082", "loki"));
        engine.evaluator.evaluateGroup(group, Instant.now());
        return engine;
    }

    private static LokiConnection connection(Optional<String> tenant, Optional<String> user, Optional<String> password, Optional<String> token) {
        return LokiConnection.of(loki.url(), tenant, user, password, token, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private static String ruleKey() {
        return group.rules().get(0).key();
    }
}
