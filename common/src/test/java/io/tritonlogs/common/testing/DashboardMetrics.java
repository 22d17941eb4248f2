package io.tritonlogs.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the suite dashboard's PromQL names, checked against what a running service exports
 * on {@code /q/metrics}. Names are read from the dashboard ({@code config/grafana/dashboards/suite.json}),
 * never listed by hand, so a new panel is checked too. Each service's test scrapes itself and asks
 * {@link #problems}; stack-tests has promtool parse every expression ({@link #prometheusQueries}).
 *
 * <p>Which service must export a name: {@code collector_*}, {@code query_*}, {@code alert_*} by
 * prefix; any other name, the services a {@code job} matcher of its selector names, or all three
 * when there is no {@code job} matcher. Series Prometheus makes itself ({@code up}, {@code scrape_*})
 * and selectors whose {@code job} matcher names none of the three services (Triton, Loki) are not ours.
 */
public final class DashboardMetrics {

    public static final List<String> SERVICES = List.of("collector-service", "query-service", "alert-service");

    /** What a Grafana variable stands for when an expression is checked outside Grafana. */
    private static final Map<String, String> GRAFANA_VARIABLES = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__range", "1h", "__range_s", "3600", "__range_ms", "3600000",
            "__interval_ms", "15000");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$([A-Za-z_]\\w*)|\\[\\[(\\w+)]]");

    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");
    /** Functions that take a counter's (or a histogram/summary part's) range: a gauge there is a mistake. */
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");
    private static final Pattern GROUPING = Pattern.compile("(by|without)\\s*\\(");
    private static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*(=~|=)\\s*\"([^\"]*)\"");

    /** A Prometheus query of a dashboard panel: as written, and with Grafana's variables replaced by values. */
    public record Query(String panel, String raw, String expr) {
    }

    /** One metric name in a query: the functions around it (outermost first), and its selector's {@code job} matcher. */
    public record MetricUse(String name, List<String> functions, String jobMatcher, boolean rangeSelector) {
        String innermostFunction() {
            return functions.isEmpty() ? "" : functions.get(functions.size() - 1);
        }
    }

    private DashboardMetrics() {
    }

    /** config/grafana/dashboards/suite.json, found above the working directory (a module's directory in a build). */
    public static Path suiteDashboard() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("config/grafana/dashboards/suite.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("config/grafana/dashboards/suite.json not found above " + Paths.get("").toAbsolutePath());
    }

    /** Every Prometheus query of the dashboard's panels (rows' panels included) and of its query variables. */
    public static List<Query> prometheusQueries(Path dashboardFile) {
        JsonNode dashboard;
        try {
            dashboard = new ObjectMapper().readTree(dashboardFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Query> queries = new ArrayList<>();
        collect(dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            String panelSource = panel.path("datasource").path("type").asText(panel.path("datasource").path("uid").asText());
            for (JsonNode target : panel.path("targets")) {
                String source = target.path("datasource").path("type").asText(target.path("datasource").path("uid").asText(panelSource));
                if (source.equals("prometheus") && !target.path("expr").asText().isBlank()) {
                    String raw = target.path("expr").asText();
                    queries.add(new Query(panel.path("title").asText(), raw, substituteGrafanaVariables(raw)));
                }
            }
            collect(panel.path("panels"), queries);
        }
    }

    /** {@code $__rate_interval} and its kin replaced by durations; other variables by a plain word ({@code var_<name>}). */
    public static String substituteGrafanaVariables(String expr) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(GRAFANA_VARIABLES.getOrDefault(name, "var_" + name)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The metric names a PromQL expression selects, with their context. */
    public static List<MetricUse> metricUses(String expr) {
        List<MetricUse> uses = new ArrayList<>();
        Deque<String> calls = new ArrayDeque<>(); // innermost first
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '#') { // comment to the end of the line
                while (i < n && expr.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
                if (i == 0) {
                    throw new IllegalArgumentException("unclosed [ in " + expr);
                }
            } else if (c == '{') { // a selector without a metric name ({__name__="…"}) is not checked
                i = skipBraces(expr, i);
            } else if (c == '(') {
                calls.push("");
                i++;
            } else if (c == ')') {
                if (calls.isEmpty()) {
                    throw new IllegalArgumentException("unbalanced ) in " + expr);
                }
                calls.pop();
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.'
                        || ((expr.charAt(i) == '+' || expr.charAt(i) == '-') && Character.toLowerCase(expr.charAt(i - 1)) == 'e'))) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                Matcher grouping = GROUPING.matcher(expr).region(next, n);
                if (!LABEL_LIST_KEYWORDS.contains(word) && grouping.lookingAt()) { // sum by (le) (…): an aggregation
                    int close = expr.indexOf(')', grouping.end());
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed ( after " + grouping.group() + " in " + expr);
                    }
                    next = skipSpaces(expr, close + 1);
                }
                if (next < n && expr.charAt(next) == '(') {
                    if (LABEL_LIST_KEYWORDS.contains(word)) {
                        int close = expr.indexOf(')', next);
                        if (close < 0) {
                            throw new IllegalArgumentException("unclosed ( after " + word + " in " + expr);
                        }
                        i = close + 1;
                    } else {
                        calls.push(word);
                        i = next + 1;
                    }
                } else if (!KEYWORDS.contains(word.toLowerCase()) && !LABEL_LIST_KEYWORDS.contains(word)) {
                    String matchers = "";
                    if (next < n && expr.charAt(next) == '{') {
                        int end = skipBraces(expr, next);
                        matchers = expr.substring(next, end);
                        next = end;
                    }
                    int after = skipSpaces(expr, next);
                    boolean range = after < n && expr.charAt(after) == '[';
                    Matcher job = JOB_MATCHER.matcher(matchers);
                    List<String> functions = new ArrayList<>(calls);
                    java.util.Collections.reverse(functions);
                    functions.removeIf(String::isEmpty);
                    uses.add(new MetricUse(word, List.copyOf(functions), job.find() ? job.group(1) + job.group(2) : null, range));
                    i = next;
                }
            } else {
                i++;
            }
        }
        return uses;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i++);
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipBraces(String s, int i) {
        i++;
        while (i < s.length() && s.charAt(i) != '}') {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(s, i) : i + 1;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unclosed { in " + s);
        }
        return i + 1;
    }

    /** The services that must export a metric used so, or none when it is not ours. */
    public static List<String> servicesFor(MetricUse use) {
        String name = use.name();
        if (PROMETHEUS_OWN.contains(name)) {
            return List.of();
        }
        if (name.startsWith("collector_")) {
            return List.of("collector-service");
        }
        if (name.startsWith("query_")) {
            return List.of("query-service");
        }
        if (name.startsWith("alert_")) {
            return List.of("alert-service");
        }
        if (use.jobMatcher() == null) {
            return SERVICES;
        }
        String op = use.jobMatcher().startsWith("=~") ? "=~" : "=";
        String value = use.jobMatcher().substring(op.length());
        Pattern pattern = Pattern.compile(op.equals("=~") ? value : Pattern.quote(value));
        return SERVICES.stream().filter(s -> pattern.matcher(s).matches()).toList();
    }

    /** A scrape in the Prometheus text format: each family's type, each sample's metric name. */
    public record Exposition(Map<String, String> types, Set<String> sampleNames) {

        public static Exposition parse(String text) {
            Map<String, String> types = new HashMap<>();
            Set<String> samples = new HashSet<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).trim().split("\\s+");
                    types.put(parts[0], parts[1]);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    int end = 0;
                    while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                        end++;
                    }
                    samples.add(line.substring(0, end));
                }
            }
            return new Exposition(types, samples);
        }

        /** The family a sample name belongs to, and its type: [family, type], or null when not exported. */
        String[] family(String sampleName) {
            if (types.containsKey(sampleName)) {
                return new String[]{sampleName, types.get(sampleName)};
            }
            for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
                if (sampleName.endsWith(suffix)) {
                    String base = sampleName.substring(0, sampleName.length() - suffix.length());
                    if (types.containsKey(base)) {
                        return new String[]{base, types.get(base)};
                    }
                }
            }
            return null;
        }
    }

    /**
     * What is wrong between the dashboard's queries and {@code service}'s scrape: a metric the
     * dashboard names for this service that is not exported, has no samples, or is of a type the
     * query cannot use (histogram_quantile needs a histogram's {@code _bucket}; rate/increase a
     * counter or a histogram's or summary's {@code _sum}/{@code _count}/{@code _bucket}; a gauge no rate).
     */
    public static List<String> problems(String service, String scrape, List<Query> queries) {
        Exposition exposition = Exposition.parse(scrape);
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            for (MetricUse use : metricUses(query.expr())) {
                if (!servicesFor(use).contains(service)) {
                    continue;
                }
                String where = "panel \"" + query.panel() + "\": " + use.name() + " in " + query.raw() + ": ";
                String[] family = exposition.family(use.name());
                if (family == null) {
                    problems.add(where + service + " does not export it");
                    continue;
                }
                if (!exposition.sampleNames().contains(use.name())) {
                    problems.add(where + service + " exports the " + family[1] + " " + family[0] + " but no sample named " + use.name());
                }
                String type = family[1];
                String part = use.name().substring(family[0].length());
                boolean histogramPart = type.equals("histogram") && List.of("_bucket", "_sum", "_count").contains(part);
                boolean summaryPart = type.equals("summary") && List.of("_sum", "_count").contains(part);
                boolean counter = type.equals("counter");
                if (use.functions().contains("histogram_quantile")) {
                    if (!(type.equals("histogram") && part.equals("_bucket"))) {
                        problems.add(where + "histogram_quantile needs a histogram's _bucket series, but it is a " + type);
                    }
                    if (!COUNTER_FUNCTIONS.contains(use.innermostFunction())) {
                        problems.add(where + "histogram_quantile needs rate() of the buckets");
                    }
                } else if (COUNTER_FUNCTIONS.contains(use.innermostFunction())) {
                    if (!(counter || histogramPart || summaryPart)) {
                        problems.add(where + use.innermostFunction() + "() needs a counter, but it is a " + type);
                    }
                } else if (counter || histogramPart || summaryPart) {
                    problems.add(where + "a " + type + " is shown without rate()/increase()");
                }
            }
        }
        return problems;
    }

    /** The dashboard's metric names that {@code service} must export (for messages and sanity checks). */
    public static Map<String, List<String>> namesByService(List<Query> queries) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        SERVICES.forEach(s -> names.put(s, new ArrayList<>()));
        for (Query query : queries) {
            for (MetricUse use : metricUses(query.expr())) {
                servicesFor(use).forEach(s -> {
                    if (!names.get(s).contains(use.name())) {
                        names.get(s).add(use.name());
                    }
                });
            }
        }
        return names;
    }
}
