package io.tritonlogs.alert;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.alert.eval.RuleEvaluator;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.rules.RuleRegistry;
import io.tritonlogs.alert.testing.ProtectedLoki;
import io.tritonlogs.alert.testing.ProtectedLokiResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service's own settings reach a protected, multi-tenant Loki: {@code loki.tenant-id},
 * {@code loki.username} and {@code loki.password} (LOKI_TENANT_ID, LOKI_USERNAME, LOKI_PASSWORD) go with
 * every rule query, and the queries are timed under {@code client="rules"}.
 */
@QuarkusTest
@WithTestResource(ProtectedLokiResource.class)
class ProtectedLokiServiceTest {

    @Inject
    RuleRegistry rules;
    @Inject
    RuleEvaluator evaluator;

    @Test
    void theConfiguredTenantAndCredentialsSeeTheTenantsErrors() throws Exception {
        assumeTrue(ProtectedLoki.executable().isPresent(), ProtectedLoki.describeMissing());
        ProtectedLoki.shared().expect(ProtectedLokiResource.BASIC);
        RuleGroup group = rules.groups().get(0);
        // real time, not the test clock: the lines were pushed to Loki just now
        for (int poll = 0; poll < 60 && evaluator.health(group.rules().get(0).key()).series() == 0; poll++) {
            evaluator.evaluateGroup(group, Instant.now());
            Thread.sleep(500);
        }

        given().get("/api/v1/rules").then().statusCode(200)
                .body("groups[0].rules[0].health", equalTo("ok"))
                .body("groups[0].rules[0].firing", equalTo(1));
        given().get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.name == 'TenantErrors' }.value", equalTo((float) ProtectedLokiResource.LINES))
                .body("find { it.name == 'TenantErrors' }.labels.model_name", equalTo("tenant_model"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("loki_client_requests_seconds_count{client=\"rules\",endpoint=\"/loki/api/v1/query\",outcome=\"200\""));
    }
}
