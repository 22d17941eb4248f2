package io.tritonlogs.alert.notify;

import io.tritonlogs.alert.rules.YamlNodes;
import io.tritonlogs.common.logql.Durations;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the receivers file (DESIGN.md, "Rules and receivers"). {@code url}, {@code secret} and
 * {@code routing_key} may be {@code ${ENV_VAR}} or {@code ${file:/path}} (content, trimmed): secrets
 * stay out of the file and are never part of an error message.
 */
public final class ReceiversFileParser {

    private static final Set<String> FILE_FIELDS = new LinkedHashSet<>(List.of("receivers", "route"));
    private static final Set<String> RECEIVER_FIELDS = new LinkedHashSet<>(List.of("name", "type", "url", "secret", "routing_key"));
    private static final Set<String> ROUTE_FIELDS = new LinkedHashSet<>(List.of("receiver", "group_by", "group_wait", "repeat_interval",
            "send_resolved", "match", "match_re", "routes"));
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    /** Thrown for a receivers file that cannot be used. */
    public static class ReceiversFileException extends RuntimeException {
        public ReceiversFileException(String message) {
            super(message);
        }
    }

    private final Function<String, String> env;

    public ReceiversFileParser(Function<String, String> env) {
        this.env = env;
    }

    public ReceiversConfig read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read receivers file " + file, e);
        }
    }

    public ReceiversConfig parse(String fileName, String text) {
        List<String> errors = new ArrayList<>();
        Node root = YamlNodes.compose(text, (pos, reason) -> errors.add(fileName + ": line " + pos[0] + ", column " + pos[1] + ": " + reason));
        if (!errors.isEmpty()) {
            throw new ReceiversFileException(errors.get(0));
        }
        if (root == null) {
            return ReceiversConfig.none();
        }
        Errors err = new Errors(fileName);
        MappingNode mapping = err.mapping(root, "the receivers file");
        Map<String, Node> fields = YamlNodes.fields(mapping, FILE_FIELDS, "the receivers file", err::add);
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        if (fields.get("receivers") instanceof SequenceNode list) {
            for (Node node : list.getValue()) {
                Map<String, Node> r = YamlNodes.fields(err.mapping(node, "a receiver"), RECEIVER_FIELDS, "a receiver", err::add);
                String name = err.required(r, "name", node);
                String type = err.required(r, "type", node);
                String url = resolve(err, r.get("url"), "url", node, true);
                String secret = resolve(err, r.get("secret"), "secret", node, false);
                String routingKey = resolve(err, r.get("routing_key"), "routing_key", node, false);
                ReceiverType receiverType = null;
                if (type != null) {
                    receiverType = ReceiverType.parse(type).orElse(null);
                    if (receiverType == null) {
                        err.add(r.get("type"), "type: \"" + type + "\" is not one of " + ReceiverType.names());
                    }
                }
                if (receiverType == ReceiverType.PAGERDUTY && routingKey == null && r.get("routing_key") == null) {
                    err.add(node, "a pagerduty receiver needs a routing_key");
                }
                if (url != null && !isHttpUrl(url)) {
                    // Never quote the URL: it often carries the secret (Slack, Teams, signed hooks).
                    err.add(r.get("url"), "url: not an absolute http:// or https:// URL (value not shown, it may hold a secret)");
                }
                if (name != null && receivers.containsKey(name)) {
                    err.add(r.get("name"), "duplicate receiver name \"" + name + "\"");
                }
                if (err.none() && name != null && receiverType != null && url != null) {
                    receivers.put(name, new Receiver(name, receiverType, url, secret, routingKey));
                }
            }
        } else if (fields.containsKey("receivers")) {
            err.add(fields.get("receivers"), "receivers: expected a list");
        }
        Route route = null;
        if (fields.get("route") != null) {
            route = route(err, fields.get("route"), null, "{}", receivers);
        } else if (!receivers.isEmpty()) {
            err.add(root, "a \"route\" is needed to send to the receivers");
        }
        err.throwIfAny();
        return new ReceiversConfig(receivers, route);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Route route(Errors err, Node node, Route parent, String path, Map<String, Receiver> receivers) {
        Map<String, Node> f = YamlNodes.fields(err.mapping(node, "a route"), ROUTE_FIELDS, "a route", err::add);
        String receiver = f.containsKey("receiver") ? YamlNodes.scalar(f.get("receiver"), "receiver", err::add) : parent == null ? null : parent.receiver();
        if (receiver == null) {
            err.add(node, "the root route needs a receiver");
        } else if (!receivers.containsKey(receiver)) {
            err.add(f.getOrDefault("receiver", node), "receiver \"" + receiver + "\" is not defined under receivers");
        }
        List<String> groupBy = f.containsKey("group_by") ? strings(err, f.get("group_by"), "group_by") : parent == null ? List.of("alertname") : parent.groupBy();
        Duration groupWait = f.containsKey("group_wait") ? duration(err, f.get("group_wait"), "group_wait") : parent == null ? Duration.ofSeconds(30) : parent.groupWait();
        Duration repeat = f.containsKey("repeat_interval") ? duration(err, f.get("repeat_interval"), "repeat_interval") : parent == null ? Duration.ofHours(4) : parent.repeatInterval();
        boolean sendResolved = parent == null || parent.sendResolved();
        if (f.containsKey("send_resolved")) {
            String text = YamlNodes.scalar(f.get("send_resolved"), "send_resolved", err::add);
            if (!"true".equals(text) && !"false".equals(text)) {
                err.add(f.get("send_resolved"), "send_resolved: expected true or false");
            }
            sendResolved = "true".equals(text);
        }
        Map<String, String> match = new LinkedHashMap<>();
        if (f.get("match") instanceof MappingNode m) {
            m.getValue().forEach(t -> match.put(YamlNodes.scalar(t.getKeyNode(), "match", err::add), YamlNodes.scalar(t.getValueNode(), "match", err::add)));
        }
        Map<String, Pattern> matchRe = new LinkedHashMap<>();
        if (f.get("match_re") instanceof MappingNode m) {
            for (var t : m.getValue()) {
                String regex = YamlNodes.scalar(t.getValueNode(), "match_re", err::add);
                try {
                    matchRe.put(YamlNodes.scalar(t.getKeyNode(), "match_re", err::add), Pattern.compile(regex == null ? "" : regex));
                } catch (PatternSyntaxException e) {
                    err.add(t.getValueNode(), "match_re: bad regex: " + e.getDescription());
                }
            }
        }
        StringBuilder matchers = new StringBuilder();
        match.forEach((k, v) -> matchers.append(matchers.isEmpty() ? "" : ", ").append(k).append("=\"").append(v).append('"'));
        matchRe.forEach((k, v) -> matchers.append(matchers.isEmpty() ? "" : ", ").append(k).append("=~\"").append(v.pattern()).append('"'));
        String myPath = parent == null ? path : path + "/{" + matchers + "}";
        Route self = new Route(myPath, receiver, groupBy, groupWait, repeat, sendResolved, match, matchRe, List.of());
        List<Route> children = new ArrayList<>();
        if (f.get("routes") instanceof SequenceNode list) {
            for (Node child : list.getValue()) {
                children.add(route(err, child, self, myPath, receivers));
            }
        }
        return new Route(myPath, receiver, groupBy, groupWait, repeat, sendResolved, match, matchRe, children);
    }

    private String resolve(Errors err, Node node, String field, Node owner, boolean required) {
        if (node == null) {
            if (required) {
                err.add(owner, "a receiver needs a " + field);
            }
            return null;
        }
        String raw = YamlNodes.scalar(node, field, err::add);
        if (raw == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String value;
            if (ref.startsWith("file:")) {
                try {
                    value = Files.readString(Path.of(ref.substring(5)), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    err.add(node, field + ": cannot read secret file " + ref.substring(5));
                    value = "";
                }
            } else {
                value = env.apply(ref);
                if (value == null) {
                    err.add(node, field + ": environment variable " + ref + " is not set");
                    value = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> strings(Errors err, Node node, String field) {
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(n -> values.add(YamlNodes.scalar(n, field, err::add)));
        } else {
            err.add(node, field + ": expected a list of label names");
        }
        return values;
    }

    private static Duration duration(Errors err, Node node, String field) {
        String text = YamlNodes.scalar(node, field, err::add);
        Duration d = text == null ? null : Durations.parsePrometheus(text.strip());
        if (d == null) {
            err.add(node, field + ": bad duration \"" + text + "\": use Prometheus durations such as 30s, 5m, 4h");
            return Duration.ZERO;
        }
        return d;
    }

    private static final class Errors {
        final String file;
        final List<String> messages = new ArrayList<>();

        Errors(String file) {
            this.file = file;
        }

        void add(Node node, String message) {
            messages.add(file + ": line " + YamlNodes.line(node) + ", column " + YamlNodes.column(node) + ": " + message);
        }

        boolean none() {
            return messages.isEmpty();
        }

        MappingNode mapping(Node node, String what) {
            if (node instanceof MappingNode m) {
                return m;
            }
            add(node, what + " must be a mapping");
            return new MappingNode(node.getTag(), List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.AUTO);
        }

        String required(Map<String, Node> fields, String name, Node owner) {
            Node node = fields.get(name);
            if (node == null) {
                add(owner, "missing field \"" + name + "\"");
                return null;
            }
            String value = YamlNodes.scalar(node, name, this::add);
            return value == null || value.isBlank() ? null : value;
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new ReceiversFileException(String.join("; ", messages));
            }
        }
    }
}
