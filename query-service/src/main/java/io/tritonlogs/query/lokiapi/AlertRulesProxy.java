package io.tritonlogs.query.lokiapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.query.auth.Caller;
import io.tritonlogs.query.auth.CurrentCaller;
import io.tritonlogs.query.config.LokiConfig;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.query.loki.UpstreamHttp;
import io.tritonlogs.query.loki.UpstreamHttp.RawAnswer;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The alert-service's rules and alerts in the Prometheus rules API format, served where Grafana
 * looks for them on a Loki data source ({@code /prometheus/api/v1/rules}, {@code /alerts}), as
 * Loki's ruler serves them. A scoped caller sees every rule (rules are configuration, not logs) but
 * only the alerts whose labels its token's matchers accept, and each rule's state follows the
 * alerts it still shows; a label an alert lacks counts as empty, as in a stream selector.
 */
@ApplicationScoped
public class AlertRulesProxy {

    private static final Set<String> PARAMETERS = Set.of("type", "rule_name[]", "rule_group[]", "file[]", "rule_name", "rule_group", "file");

    private final Optional<UpstreamHttp> alertService;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    AlertRulesProxy(QueryConfig config, LokiConfig loki, CurrentCaller caller, ObjectMapper json, MeterRegistry registry) {
        this.alertService = config.alertServiceUrl().filter(u -> !u.isBlank())
                .map(url -> new UpstreamHttp("alert-service", new LokiHttpClient(LokiConnection.anonymous(url, loki.connectTimeout(),
                        config.limits().timeout()), "alert-service", UpstreamHttp.USER_AGENT, registry), json));
        this.caller = caller;
        this.json = json;
    }

    /** {@code endpoint}: {@code rules} or {@code alerts}. */
    public Uni<RawAnswer> read(String endpoint, MultivaluedMap<String, String> query) {
        if (alertService.isEmpty()) {
            return Uni.createFrom().item(LokiReadApi.text(404, "no alert-service is configured here (query.alert-service-url, env ALERT_SERVICE_URL)"));
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        query.forEach((name, values) -> {
            if (PARAMETERS.contains(name)) {
                values.forEach(v -> params.add(Map.entry(name, v)));
            }
        });
        Caller who = caller.get();
        return alertService.get().forward("/prometheus/api/v1/" + endpoint, params, Map.of())
                .map(answer -> who.scoped() && answer.status() == 200 ? scoped(answer, who.forced()) : answer)
                .onFailure(LokiException.class).recoverWithItem(e -> LokiReadApi.text(((LokiException) e).kind().status(), e.getMessage()));
    }

    private RawAnswer scoped(RawAnswer answer, List<Matcher> forced) {
        try {
            JsonNode body = json.readTree(answer.body());
            JsonNode data = body.path("data");
            if (data.has("alerts")) {
                ((ObjectNode) data).set("alerts", visible(data.path("alerts"), forced));
            }
            for (JsonNode group : data.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alerts")) {
                        ArrayNode alerts = visible(rule.path("alerts"), forced);
                        ((ObjectNode) rule).set("alerts", alerts);
                        if ("alerting".equals(rule.path("type").asText())) {
                            ((ObjectNode) rule).put("state", state(alerts));
                        }
                    }
                }
            }
            return new RawAnswer(200, "application/json", json.writeValueAsBytes(body));
        } catch (IOException | ClassCastException e) {
            return LokiReadApi.text(502, "the alert-service answered something that is not the Prometheus rules API format");
        }
    }

    private ArrayNode visible(JsonNode alerts, List<Matcher> forced) {
        ArrayNode kept = json.createArrayNode();
        for (JsonNode alert : alerts) {
            if (forced.stream().allMatch(m -> accepts(m, alert.path("labels").path(m.name()).asText("")))) {
                kept.add(alert);
            }
        }
        return kept;
    }

    private static String state(ArrayNode alerts) {
        String state = "inactive";
        for (JsonNode alert : alerts) {
            String s = alert.path("state").asText();
            if (s.equals("firing")) {
                return "firing";
            }
            if (s.equals("pending")) {
                state = "pending";
            }
        }
        return state;
    }

    /** A stream matcher applied to one label value: regexes match the whole value, as Loki anchors them. */
    static boolean accepts(Matcher m, String value) {
        return switch (m.op()) {
            case EQ -> value.equals(m.value());
            case NEQ -> !value.equals(m.value());
            case RE -> Pattern.compile(m.value()).matcher(value).matches();
            case NRE -> !Pattern.compile(m.value()).matcher(value).matches();
        };
    }
}
