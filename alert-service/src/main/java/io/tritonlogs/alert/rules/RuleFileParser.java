package io.tritonlogs.alert.rules;

import io.tritonlogs.common.logql.Durations;
import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseError;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.ast.SampleExpr;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule file in the Loki ruler / Prometheus rule-group format and checks everything that can
 * be checked before evaluation: unknown fields, durations, duplicate group and rule names, that each
 * {@code expr} is a LogQL metric query, label names and annotation templates. Every fault names the
 * file, group, rule and the line and column in the file. Thread-safe.
 */
public final class RuleFileParser {

    private static final Set<String> FILE_FIELDS = new LinkedHashSet<>(List.of("groups"));
    private static final Set<String> GROUP_FIELDS = new LinkedHashSet<>(List.of("name", "interval", "limit", "rules"));
    private static final Set<String> RULE_FIELDS = new LinkedHashSet<>(List.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations"));
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Duration defaultInterval;

    public RuleFileParser(Duration defaultInterval) {
        if (defaultInterval == null || defaultInterval.isZero() || defaultInterval.isNegative()) {
            throw new IllegalArgumentException("the default interval must be positive");
        }
        this.defaultInterval = defaultInterval;
    }

    /** The groups of {@code text}, or a {@link RuleFileException} listing every fault. */
    public List<RuleGroup> parse(String file, String text) {
        Context ctx = new Context(file, text);
        Node root = YamlNodes.compose(text, (pos, reason) -> ctx.errors.add(new RuleError(file, null, null, pos[0], pos[1], reason)));
        List<RuleGroup> groups = new ArrayList<>();
        if (root != null) {
            readFile(ctx, root, groups);
        }
        if (!ctx.errors.isEmpty()) {
            throw new RuleFileException(ctx.errors);
        }
        return List.copyOf(groups);
    }

    private void readFile(Context ctx, Node root, List<RuleGroup> groups) {
        if (!(root instanceof MappingNode mapping)) {
            ctx.error(root, "a rule file is a mapping with a \"groups\" list");
            return;
        }
        Map<String, Node> fields = YamlNodes.fields(mapping, FILE_FIELDS, "the rule file", ctx::error);
        Node list = fields.get("groups");
        if (list == null) {
            return;
        }
        if (!(list instanceof SequenceNode sequence)) {
            ctx.error(list, "groups: expected a list of groups");
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Node groupNode : sequence.getValue()) {
            RuleGroup group = readGroup(ctx, groupNode, seen);
            if (group != null) {
                groups.add(group);
            }
        }
    }

    private RuleGroup readGroup(Context ctx, Node node, Map<String, Integer> seen) {
        ctx.group = null;
        ctx.rule = null;
        if (!(node instanceof MappingNode mapping)) {
            ctx.error(node, "a group is a mapping with name, interval and rules");
            return null;
        }
        int before = ctx.errors.size();
        Map<String, Node> fields = YamlNodes.fields(mapping, GROUP_FIELDS, "a group", ctx::error);
        Node nameNode = fields.get("name");
        String name = nameNode == null ? null : YamlNodes.scalar(nameNode, "name", ctx::error);
        if (nameNode == null || name != null && name.isBlank()) {
            ctx.error(nameNode == null ? node : nameNode, "a group needs a non-empty name");
            return null;
        }
        if (name == null) {
            return null;
        }
        ctx.group = name;
        Integer first = seen.putIfAbsent(name, YamlNodes.line(nameNode));
        if (first != null) {
            ctx.error(nameNode, "duplicate group name \"" + name + "\" (first at line " + first + ")");
        }
        Duration interval = fields.containsKey("interval") ? duration(ctx, fields.get("interval"), "interval", true) : defaultInterval;
        int limit = 0;
        if (fields.containsKey("limit")) {
            String text = YamlNodes.scalar(fields.get("limit"), "limit", ctx::error);
            try {
                limit = text == null ? 0 : Integer.parseInt(text);
                if (limit < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                ctx.error(fields.get("limit"), "limit: expected a whole number of 0 or more, found \"" + text + "\"");
            }
        }
        List<AlertRule> rules = new ArrayList<>();
        Node rulesNode = fields.get("rules");
        if (rulesNode instanceof SequenceNode sequence) {
            Map<String, Integer> names = new HashMap<>();
            for (Node ruleNode : sequence.getValue()) {
                AlertRule rule = readRule(ctx, ruleNode, name, names);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        } else if (rulesNode != null && !(rulesNode instanceof ScalarNode s && s.getValue().isEmpty())) {
            ctx.error(rulesNode, "rules: expected a list of rules");
        }
        ctx.rule = null;
        if (ctx.errors.size() > before || interval == null) {
            return null;
        }
        return new RuleGroup(ctx.file, name, interval, limit, rules);
    }

    private AlertRule readRule(Context ctx, Node node, String group, Map<String, Integer> names) {
        ctx.rule = null;
        if (!(node instanceof MappingNode mapping)) {
            ctx.error(node, "a rule is a mapping with alert and expr");
            return null;
        }
        int before = ctx.errors.size();
        for (var tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("alert")
                    && tuple.getValueNode() instanceof ScalarNode value) {
                ctx.rule = value.getValue();
            }
        }
        if (mapping.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("record"))) {
            ctx.error(node, "recording rules (\"record\") are not supported by alert-service: use \"alert\"");
            return null;
        }
        Map<String, Node> fields = YamlNodes.fields(mapping, RULE_FIELDS, "a rule", ctx::error);
        Node alertNode = fields.get("alert");
        String name = alertNode == null ? null : YamlNodes.scalar(alertNode, "alert", ctx::error);
        if (name == null || name.isBlank()) {
            ctx.error(alertNode == null ? node : alertNode, "a rule needs a non-empty \"alert\" name");
            return null;
        }
        Integer first = names.putIfAbsent(name, YamlNodes.line(alertNode));
        if (first != null) {
            ctx.error(alertNode, "duplicate rule name \"" + name + "\" in group \"" + group + "\" (first at line " + first + ")");
        }
        Node exprNode = fields.get("expr");
        String expr = null;
        if (exprNode == null) {
            ctx.error(node, "a rule needs an \"expr\"");
        } else {
            expr = YamlNodes.scalar(exprNode, "expr", ctx::error);
            if (expr != null) {
                checkExpr(ctx, (ScalarNode) exprNode, expr);
            }
        }
        Duration forDuration = fields.containsKey("for") ? duration(ctx, fields.get("for"), "for", false) : Duration.ZERO;
        Duration keep = fields.containsKey("keep_firing_for") ? duration(ctx, fields.get("keep_firing_for"), "keep_firing_for", false) : Duration.ZERO;
        Map<String, String> labels = stringMap(ctx, fields.get("labels"), "labels", false);
        Map<String, String> annotations = stringMap(ctx, fields.get("annotations"), "annotations", true);
        if (ctx.errors.size() > before) {
            return null;
        }
        return new AlertRule(ctx.file, group, name, expr.strip(), forDuration, keep, labels, annotations);
    }

    private void checkExpr(Context ctx, ScalarNode node, String expr) {
        ParseResult result = LogqlParser.parse(expr);
        if (result instanceof ParseResult.Failed failed) {
            ParseError error = failed.error();
            int[] at = YamlNodes.positionInside(node, error.line(), error.column(), ctx.lines);
            ctx.errorAt(at, "expr: " + error.reason() + " (LogQL line " + error.line() + ", column " + error.column() + ")");
        } else if (!(((ParseResult.Parsed) result).expr() instanceof SampleExpr)) {
            ctx.error(node, "expr: must be a metric query such as sum by (model_name) (count_over_time({level=\"ERROR\"}[1m])) > 10, not a log query");
        }
    }

    private Duration duration(Context ctx, Node node, String field, boolean positive) {
        String text = YamlNodes.scalar(node, field, ctx::error);
        if (text == null) {
            return null;
        }
        Duration duration = Durations.parsePrometheus(text.strip());
        if (duration == null) {
            ctx.error(node, field + ": bad duration \"" + text + "\": use Prometheus durations such as 30s, 5m, 1h or 1h30m");
            return null;
        }
        if (positive && duration.isZero()) {
            ctx.error(node, field + ": must be more than 0s");
            return null;
        }
        return duration;
    }

    private Map<String, String> stringMap(Context ctx, Node node, String field, boolean templates) {
        if (node == null || node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            ctx.error(node, field + ": expected a mapping of names to values");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var tuple : mapping.getValue()) {
            String key = YamlNodes.scalar(tuple.getKeyNode(), field, ctx::error);
            String value = YamlNodes.scalar(tuple.getValueNode(), field, ctx::error);
            if (key == null || value == null) {
                continue;
            }
            if (!templates && !LABEL_NAME.matcher(key).matches()) {
                ctx.error(tuple.getKeyNode(), field + ": \"" + key + "\" is not a valid label name");
            } else if (values.putIfAbsent(key, value) != null) {
                ctx.error(tuple.getKeyNode(), field + ": \"" + key + "\" given twice");
            }
            Templates.Fault fault = templates ? Templates.check(value) : null;
            if (fault != null) {
                int[] inner = lineColumn(value, fault.offset());
                ctx.errorAt(YamlNodes.positionInside((ScalarNode) tuple.getValueNode(), inner[0], inner[1], ctx.lines),
                        field + "." + key + ": " + fault.reason());
            }
        }
        return values;
    }

    private static int[] lineColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static final class Context {
        final String file;
        final String[] lines;
        final List<RuleError> errors = new ArrayList<>();
        String group;
        String rule;

        Context(String file, String text) {
            this.file = file;
            this.lines = text.split("\n", -1);
        }

        void error(Node node, String message) {
            errors.add(new RuleError(file, group, rule, YamlNodes.line(node), YamlNodes.column(node), message));
        }

        void errorAt(int[] position, String message) {
            errors.add(new RuleError(file, group, rule, position[0], position[1], message));
        }
    }
}
