package io.tritonlogs.query.search;

import io.tritonlogs.common.logql.LogqlBuilder;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.triton.Level;
import io.tritonlogs.query.auth.ScopePolicy;
import io.tritonlogs.query.auth.TokenRegistry;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.InvalidParameterException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Turns structured filters into LogQL with common's {@link LogqlBuilder}: values only ever become
 * AST nodes, never query text, so no value can change the query's shape. Levels are the
 * {@code level} label (Triton writes {@code E1201 …}, not the word ERROR). A request naming no
 * label gets the configured default selector. Labels the caller's token fixes to other values
 * answer 403 here, before anything runs.
 */
@ApplicationScoped
public class StructuredQueries {

    private final List<Matcher> defaultSelector;
    private final ScopePolicy policy;

    StructuredQueries(QueryConfig config, ScopePolicy policy) {
        this.defaultSelector = TokenRegistry.parseMatchers("query.default-selector", config.defaultSelector());
        this.policy = policy;
    }

    /** The log query for {@code filters}. */
    public LogExpr logs(SearchFilters filters) {
        LogqlBuilder.LogQuery q = selector(filters, List.of());
        for (String text : filters.contains()) {
            q.contains(nonEmpty("contains", text));
        }
        for (String text : filters.excludes()) {
            q.notContains(nonEmpty("excludes", text));
        }
        if (filters.regex() != null) {
            try {
                q.matches(nonEmpty("regex", filters.regex()));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("regex", e.getMessage());
            }
        }
        return q.build();
    }

    /** A selector-only query from the label filters, with {@code extra} matchers after them (e.g. {@code model_name!=""}). */
    public LogExpr selectorOnly(SearchFilters filters, List<Matcher> extra) {
        return selector(filters, extra).build();
    }

    /** The matchers a request named, for the scope check and for presets. */
    public List<Matcher> requested(SearchFilters filters) {
        List<Matcher> m = new ArrayList<>();
        add(m, "container", filters.container());
        add(m, "service", filters.service());
        add(m, "namespace", filters.namespace());
        add(m, "pod", filters.pod());
        List<String> levels = levels(filters.levels());
        if (levels.size() == 1) {
            m.add(Matcher.eq("level", levels.get(0)));
        } else if (levels.size() > 1) {
            m.add(Matcher.regex("level", String.join("|", levels))); // level names are [A-Z]+: nothing to escape
        }
        add(m, "model_name", filters.model());
        return m;
    }

    private LogqlBuilder.LogQuery selector(SearchFilters filters, List<Matcher> extra) {
        List<Matcher> requested = requested(filters);
        policy.checkRequested(requested);
        LogqlBuilder.LogQuery q = LogqlBuilder.logs();
        boolean selective = false;
        for (Matcher m : requested) {
            selective |= m.op() == MatchOp.EQ || m.op() == MatchOp.RE;
        }
        if (!selective) {
            defaultSelector.forEach(m -> addTo(q, m));
        }
        requested.forEach(m -> addTo(q, m));
        extra.forEach(m -> addTo(q, m));
        return q;
    }

    private static void addTo(LogqlBuilder.LogQuery q, Matcher m) {
        switch (m.op()) {
            case EQ -> q.label(m.name(), m.value());
            case NEQ -> q.labelNot(m.name(), m.value());
            case RE -> q.labelMatches(m.name(), m.value());
            case NRE -> throw new IllegalArgumentException("!~ matchers are not built here");
        }
    }

    private static void add(List<Matcher> into, String label, String value) {
        if (value != null) {
            into.add(Matcher.eq(label, nonEmpty(label.equals("model_name") ? "model" : label, value)));
        }
    }

    /** Level names upper-cased and checked against the label contract. */
    public static List<String> levels(List<String> given) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String l : given) {
            for (String part : l.split(",")) {
                String level = part.strip().toUpperCase(Locale.ROOT);
                if (level.isEmpty()) {
                    continue;
                }
                try {
                    Level.valueOf(level);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException("level", "level must be one of INFO, WARNING, ERROR, FATAL, VERBOSE, UNKNOWN, not '"
                            + shorten(part) + "'");
                }
                out.add(level);
            }
        }
        return List.copyOf(out);
    }

    private static String nonEmpty(String parameter, String value) {
        if (value.isEmpty()) {
            throw new InvalidParameterException(parameter, parameter + " must not be empty");
        }
        return value;
    }

    private static String shorten(String text) {
        String t = text.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
