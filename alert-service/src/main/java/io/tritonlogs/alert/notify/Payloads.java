package io.tritonlogs.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertState;
import io.tritonlogs.alert.eval.AlertStateMachine;
import io.tritonlogs.alert.rules.Templates;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body each receiver type gets for a notification. Bodies depend only on the notification,
 * never on the time of sending, so every retry sends the same bytes.
 */
public final class Payloads {

    /** Bodies are trees, written by their own {@code toString()}: compact JSON, no mapper configuration involved. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Alertmanager's "zero" time, used as endsAt of firing alerts. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private Payloads() {
    }

    public static byte[] build(Receiver receiver, Notification n, String externalUrl) {
        JsonNode body = switch (receiver.type()) {
            case ALERTMANAGER -> alertmanager(receiver, n, externalUrl);
            case ALERTMANAGER_API -> alertmanagerApi(n, externalUrl);
            case SLACK -> slack(n);
            case PAGERDUTY -> pagerduty(receiver, n, externalUrl);
            case JSON -> json(n);
        };
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Alertmanager webhook, payload version "4". */
    static ObjectNode alertmanager(Receiver receiver, Notification n, String externalUrl) {
        ObjectNode root = NODES.objectNode();
        root.put("version", "4");
        root.put("groupKey", n.groupKey());
        root.put("truncatedAlerts", 0);
        root.put("status", n.status());
        root.put("receiver", receiver.name());
        root.set("groupLabels", map(n.groupLabels()));
        root.set("commonLabels", map(common(n.alerts(), true)));
        root.set("commonAnnotations", map(common(n.alerts(), false)));
        root.put("externalURL", externalUrl);
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("status", a.state() == AlertState.RESOLVED ? "resolved" : "firing");
            alert.set("labels", map(a.labels()));
            alert.set("annotations", map(a.annotations()));
            alert.put("startsAt", a.startsAt().toString());
            alert.put("endsAt", a.resolvedAt() == null ? ZERO_TIME : a.resolvedAt().toString());
            alert.put("generatorURL", externalUrl + "/api/v1/rules?rule=" + URLEncoder.encode(a.ruleKey(), StandardCharsets.UTF_8));
            alert.put("fingerprint", a.fingerprint());
        }
        return root;
    }

    /**
     * Alertmanager's API v2, {@code POST /api/v2/alerts}, as Prometheus sends it: one array of
     * {labels, annotations, startsAt, endsAt, generatorURL}. A resolved alert ends when it resolved;
     * a firing one when its handover says (without one, e.g. a test-fire, endsAt is left out and
     * Alertmanager applies its {@code resolve_timeout}).
     */
    static ArrayNode alertmanagerApi(Notification n, String externalUrl) {
        ArrayNode alerts = NODES.arrayNode();
        for (Alert a : n.alerts()) {
            Notification.Handover handover = n.handover().get(a.fingerprint());
            ObjectNode alert = alerts.addObject();
            alert.set("labels", map(a.labels()));
            alert.set("annotations", map(a.annotations()));
            alert.put("startsAt", a.startsAt().toString());
            if (a.state() == AlertState.RESOLVED) {
                alert.put("endsAt", (a.resolvedAt() == null ? n.createdAt() : a.resolvedAt()).toString());
            } else if (handover != null) {
                alert.put("endsAt", handover.endsAt().toString());
            }
            alert.put("generatorURL", handover != null && handover.generatorUrl() != null ? handover.generatorUrl()
                    : externalUrl + "/api/v1/rules?rule=" + URLEncoder.encode(a.ruleKey(), StandardCharsets.UTF_8));
        }
        return alerts;
    }

    /** Slack incoming webhook: a one-line {@code text} and one attachment per alert. */
    static ObjectNode slack(Notification n) {
        ObjectNode root = NODES.objectNode();
        long firing = n.alerts().stream().filter(a -> a.state() == AlertState.FIRING).count();
        root.put("text", title(n, firing));
        ArrayNode attachments = root.putArray("attachments");
        for (Alert a : n.alerts()) {
            boolean resolved = a.state() == AlertState.RESOLVED;
            ObjectNode attachment = attachments.addObject();
            attachment.put("color", resolved ? "good" : "critical".equals(a.labels().get("severity")) ? "danger" : "warning");
            attachment.put("title", (resolved ? "[RESOLVED] " : "[FIRING] ") + a.name());
            String summary = a.annotations().getOrDefault("summary", a.name());
            String description = a.annotations().get("description");
            attachment.put("text", description == null ? summary : summary + "\n" + description);
            attachment.put("fallback", summary);
            StringBuilder labels = new StringBuilder();
            a.labels().forEach((k, v) -> labels.append(labels.isEmpty() ? "" : ", ").append(k).append('=').append(v));
            attachment.put("footer", labels.toString());
            attachment.put("ts", a.startsAt().getEpochSecond());
        }
        return root;
    }

    /** PagerDuty Events API v2: one incident per alert group, keyed by a dedup_key derived from the group key. */
    static ObjectNode pagerduty(Receiver receiver, Notification n, String externalUrl) {
        ObjectNode root = NODES.objectNode();
        root.put("routing_key", receiver.routingKey() == null ? "" : receiver.routingKey());
        root.put("dedup_key", dedupKey(n.groupKey()));
        if ("resolved".equals(n.status())) {
            root.put("event_action", "resolve");
            return root;
        }
        root.put("event_action", "trigger");
        root.put("client", "alert-service");
        root.put("client_url", externalUrl + "/api/v1/alerts");
        long firing = n.alerts().stream().filter(a -> a.state() == AlertState.FIRING).count();
        ObjectNode payload = root.putObject("payload");
        String summary = title(n, firing);
        Alert first = n.alerts().isEmpty() ? null : n.alerts().get(0);
        if (first != null && first.annotations().containsKey("summary")) {
            summary = summary + ": " + first.annotations().get("summary");
        }
        payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
        payload.put("source", "alert-service");
        payload.put("severity", severity(common(n.alerts(), true).get("severity")));
        payload.put("timestamp", (first == null ? n.createdAt() : first.startsAt()).toString());
        if (first != null) {
            payload.put("class", first.name());
        }
        String model = common(n.alerts(), true).get("model_name");
        if (model != null) {
            payload.put("component", model);
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("num_firing", firing);
        details.put("num_resolved", n.alerts().size() - firing);
        ArrayNode alerts = details.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("status", a.state().wire());
            alert.set("labels", map(a.labels()));
            alert.set("annotations", map(a.annotations()));
            alert.put("value", Templates.formatValue(a.value()));
        }
        return root;
    }

    /**
     * This service's own JSON: {@code version} "1", {@code id}, {@code status}, {@code receiver},
     * {@code groupKey}, {@code groupLabels}, {@code createdAt} and {@code alerts} with {@code name},
     * {@code status}, {@code fingerprint}, {@code labels}, {@code annotations}, {@code value},
     * {@code startsAt}, {@code endsAt} (null while firing).
     */
    static ObjectNode json(Notification n) {
        ObjectNode root = NODES.objectNode();
        root.put("version", "1");
        root.put("id", n.id());
        root.put("status", n.status());
        root.put("receiver", n.receiver());
        root.put("groupKey", n.groupKey());
        root.set("groupLabels", map(n.groupLabels()));
        root.put("createdAt", n.createdAt().toString());
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("name", a.name());
            alert.put("status", a.state().wire());
            alert.put("fingerprint", a.fingerprint());
            alert.set("labels", map(a.labels()));
            alert.set("annotations", map(a.annotations()));
            alert.put("value", Templates.formatValue(a.value()));
            alert.put("startsAt", a.startsAt().toString());
            Instant ends = a.resolvedAt();
            if (ends == null) {
                alert.putNull("endsAt");
            } else {
                alert.put("endsAt", ends.toString());
            }
        }
        return root;
    }

    /** Stable for the life of an alert group: PagerDuty merges triggers and closes the incident on resolve. */
    public static String dedupKey(String groupKey) {
        return AlertStateMachine.sha256Hex(groupKey).substring(0, 32);
    }

    static String severity(String label) {
        if (label == null) {
            return "error";
        }
        return switch (label) {
            case "critical", "error", "warning", "info" -> label;
            default -> "error";
        };
    }

    private static String title(Notification n, long firing) {
        String name = n.groupLabels().getOrDefault("alertname", n.alerts().isEmpty() ? "alert" : n.alerts().get(0).name());
        StringBuilder others = new StringBuilder();
        n.groupLabels().forEach((k, v) -> {
            if (!k.equals("alertname")) {
                others.append(others.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return ("firing".equals(n.status()) ? "[FIRING:" + firing + "] " : "[RESOLVED] ") + name
                + (others.isEmpty() ? "" : " (" + others + ")");
    }

    private static Map<String, String> common(List<Alert> alerts, boolean labels) {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new TreeMap<>(labels ? alerts.get(0).labels() : alerts.get(0).annotations());
        for (Alert a : alerts) {
            Map<String, String> other = labels ? a.labels() : a.annotations();
            common.entrySet().removeIf(e -> !e.getValue().equals(other.get(e.getKey())));
        }
        return common;
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        new LinkedHashMap<>(new TreeMap<>(values)).forEach(node::put);
        return node;
    }
}
