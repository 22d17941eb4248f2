package io.tritonlogs.alert.api;

import io.tritonlogs.alert.engine.AlertEngine;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.eval.RuleEvaluator;
import io.tritonlogs.alert.eval.RuleHealth;
import io.tritonlogs.alert.notify.AlertStore;
import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.RuleError;
import io.tritonlogs.alert.rules.RuleFileParser;
import io.tritonlogs.alert.rules.RuleGroup;
import io.tritonlogs.alert.rules.RuleRegistry;
import io.tritonlogs.common.logql.Durations;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rules in force with their health, reloading, and validation of rule files for CI. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    public record RuleView(String name, String expr, String forDuration, String keepFiringFor, Map<String, String> labels,
                           Map<String, String> annotations, String health, Instant lastEvaluation, double evaluationSeconds,
                           String lastError, long pending, long firing) {
    }

    public record GroupView(String file, String name, String interval, List<RuleView> rules) {
    }

    public record RulesView(List<GroupView> groups, Map<String, List<RuleError>> refused) {
    }

    public record Validated(boolean valid, int groups, int rules) {
    }

    @Inject
    AlertEngine engine;
    @Inject
    RuleRegistry registry;
    @Inject
    RuleFileParser parser;
    @Inject
    RuleEvaluator evaluator;
    @Inject
    AlertStore store;

    @GET
    public RulesView rules() {
        List<GroupView> groups = registry.groups().stream().map(this::view).toList();
        return new RulesView(groups, registry.refused());
    }

    @POST
    @Path("/reload")
    public RuleRegistry.ReloadReport reload() {
        return engine.reloadRules();
    }

    /** Body: one rule file in YAML. 200 when valid, else 400 problem naming file, group, rule, line and column. */
    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    public Validated validate(String body, @QueryParam("file") @DefaultValue("rules.yaml") String file) {
        List<RuleGroup> groups = parser.parse(file, body == null ? "" : body);
        return new Validated(true, groups.size(), groups.stream().mapToInt(g -> g.rules().size()).sum());
    }

    private GroupView view(RuleGroup group) {
        return new GroupView(group.file(), group.name(), Durations.format(group.interval()), group.rules().stream().map(this::view).toList());
    }

    private RuleView view(AlertRule rule) {
        RuleHealth health = evaluator.health(rule.key());
        var alerts = store.alerts(rule.key());
        return new RuleView(rule.name(), rule.expr(), Durations.format(rule.forDuration()), Durations.format(rule.keepFiringFor()),
                rule.labels(), rule.annotations(), health.health(), health.lastEvaluation(), health.evaluationSeconds(), health.lastError(),
                alerts.stream().filter(a -> a.state() == AlertState.PENDING).count(),
                alerts.stream().filter(a -> a.state() == AlertState.FIRING).count());
    }
}
