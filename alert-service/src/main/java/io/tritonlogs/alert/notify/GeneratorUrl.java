package io.tritonlogs.alert.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code generatorURL} of alerts handed to Alertmanager: the link from Alertmanager's UI back to
 * the rule's expression. A Grafana base (its host or path names grafana, or port 3000) gets an
 * Explore link on the Loki data source {@code datasourceUid}. Any other base is taken as the
 * query-service (or a Loki): its Loki-compatible {@code /loki/api/v1/query_range?query=<expr>}, the
 * rule's expression over Loki's default range, the last hour. Not {@code /api/v1/logs}: that takes
 * structured filters, and a rule's metric expression cannot be put in them.
 */
public record GeneratorUrl(String base, String datasourceUid) {

    public GeneratorUrl {
        base = base.replaceAll("/+$", "");
    }

    public String forExpr(String expr) {
        if (looksLikeGrafana(base)) {
            ObjectNode left = JsonNodeFactory.instance.objectNode();
            left.put("datasource", datasourceUid);
            ObjectNode query = left.putArray("queries").addObject();
            query.put("refId", "A");
            query.put("expr", expr);
            query.put("queryType", "range");
            query.putObject("datasource").put("type", "loki").put("uid", datasourceUid);
            left.putObject("range").put("from", "now-1h").put("to", "now");
            return base + "/explore?left=" + encode(left.toString());
        }
        return base + "/loki/api/v1/query_range?query=" + encode(expr);
    }

    static boolean looksLikeGrafana(String base) {
        try {
            URI uri = URI.create(base);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
            return host.contains("grafana") || path.contains("grafana") || uri.getPort() == 3000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
