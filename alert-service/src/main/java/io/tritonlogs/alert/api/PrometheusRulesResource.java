package io.tritonlogs.alert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.eval.RuleEvaluator;
import io.tritonlogs.alert.eval.RuleHealth;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.rules.RuleRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules and alerts in the Prometheus rules API format, as Loki's ruler serves it under
 * {@code /prometheus/api/v1} (pkg/ruler/base/api.go), plus Prometheus' {@code keepFiringFor} and
 * {@code keepFiringSince}: what Grafana reads to list a data source's rules. Errors are Prometheus'
 * {@code {"status":"error","errorType","error"}}, not problem+json, since its clients parse them.
 * Only alerting rules exist here; resolved alerts are not listed, as in Prometheus.
 */
@Path("/prometheus/api/v1")
// Served through Response, which Quarkus does not look into when registering types for a native image.
@RegisterForReflection(targets = {PrometheusRulesResource.Success.class, PrometheusRulesResource.Failure.class,
        PrometheusRulesResource.RuleDiscovery.class, PrometheusRulesResource.GroupView.class, PrometheusRulesResource.RuleView.class,
        PrometheusRulesResource.AlertView.class})
@Produces(MediaType.APPLICATION_JSON)
public class PrometheusRulesResource {

    public record Success<T>(String status, T data) {
        static <T> Success<T> of(T data) {
            return new Success<>("success", data);
        }
    }

    public record Failure(String status, String errorType, String error) {
    }

    public record RuleDiscovery(List<GroupView> groups) {
    }

    public record AlertDiscovery(List<AlertView> alerts) {
    }

    public record GroupView(String name, String file, List<RuleView> rules, double interval, int limit, String lastEvaluation,
                            double evaluationTime) {
    }

    public record RuleView(String state, String name, String query, double duration, double keepFiringFor, Map<String, String> labels,
                           Map<String, String> annotations, List<AlertView> alerts, String health, String lastError, String type,
                           String lastEvaluation, double evaluationTime) {
    }

    public record AlertView(Map<String, String> labels, Map<String, String> annotations, String state, String activeAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String keepFiringSince, String value) {
    }

    @Inject
    RuleRegistry registry;
    @Inject
    RuleEvaluator evaluator;
    @Inject
    AlertStore store;

    /**
     * Filters as Prometheus takes them ({@code type=alert|record}, {@code rule_name[]},
     * {@code rule_group[]}, {@code file[]}), also without the brackets, as Loki takes them.
     */
    @GET
    @Path("/rules")
    public Response rules(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        String type = params.getFirst("type") == null ? "" : params.getFirst("type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            return Response.status(400).entity(new Failure("error", "bad_data", "not supported value \"" + type + "\"")).build();
        }
        List<String> names = values(params, "rule_name");
        List<String> groupNames = values(params, "rule_group");
        List<String> files = values(params, "file");
        boolean filtered = !type.isEmpty() || !names.isEmpty() || !groupNames.isEmpty() || !files.isEmpty();
        List<GroupView> groups = new ArrayList<>();
        for (RuleGroup group : registry.groups()) {
            if (!groupNames.isEmpty() && !groupNames.contains(group.name()) || !files.isEmpty() && !files.contains(group.file())) {
                continue;
            }
            List<RuleView> rules = group.rules().stream()
                    .filter(r -> !type.equals("record"))
                    .filter(r -> names.isEmpty() || names.contains(r.name()))
                    .map(this::view).toList();
            if (filtered && rules.isEmpty()) {
                continue;
            }
            RuleHealth health = evaluator.groupHealth(group.key());
            groups.add(new GroupView(group.name(), group.file(), rules, seconds(group.interval()), group.limit(),
                    PrometheusFormat.time(health.lastEvaluation()), health.evaluationSeconds()));
        }
        return Response.ok(Success.of(new RuleDiscovery(groups))).build();
    }

    @GET
    @Path("/alerts")
    public Success<AlertDiscovery> alerts() {
        List<AlertView> alerts = new ArrayList<>();
        for (RuleGroup group : registry.groups()) {
            for (AlertRule rule : group.rules()) {
                alerts.addAll(active(rule));
            }
        }
        return Success.of(new AlertDiscovery(alerts));
    }

    private RuleView view(AlertRule rule) {
        RuleHealth health = evaluator.health(rule.key());
        List<Alert> alerts = store.alerts(rule.key());
        String state = alerts.stream().anyMatch(a -> a.state() == AlertState.FIRING) ? "firing"
                : alerts.stream().anyMatch(a -> a.state() == AlertState.PENDING) ? "pending" : "inactive";
        return new RuleView(state, rule.name(), rule.expr(), seconds(rule.forDuration()), seconds(rule.keepFiringFor()), rule.labels(),
                rule.annotations(), active(rule), health.health(), health.lastError() == null ? "" : health.lastError(), "alerting",
                PrometheusFormat.time(health.lastEvaluation()), health.evaluationSeconds());
    }

    private List<AlertView> active(AlertRule rule) {
        return store.alerts(rule.key()).stream()
                .filter(a -> a.state() != AlertState.RESOLVED)
                .map(a -> new AlertView(a.labels(), a.annotations(), a.state().wire(), PrometheusFormat.time(a.activeAt()),
                        a.keepFiringSince() == null ? null : PrometheusFormat.time(a.keepFiringSince()), PrometheusFormat.value(a.value())))
                .toList();
    }

    private static List<String> values(MultivaluedMap<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(name, name + "[]")) {
            List<String> given = params.get(key);
            if (given != null) {
                given.stream().filter(v -> !v.isEmpty()).forEach(values::add);
            }
        }
        return values;
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }
}
