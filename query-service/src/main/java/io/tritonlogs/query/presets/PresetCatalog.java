package io.tritonlogs.query.presets;

import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.UnknownPresetException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The presets of {@code query.presets.<name>.*}, read and checked with common's parser when the
 * service starts: a preset that is not a valid LogQL log query stops the start with its position.
 */
@ApplicationScoped
public class PresetCatalog {

    private final Map<String, Preset> presets = new TreeMap<>();

    PresetCatalog(QueryConfig config) {
        config.presets().forEach((name, p) -> {
            ParseResult result = LogqlParser.parse(p.query());
            if (result instanceof ParseResult.Failed failed) {
                throw new IllegalStateException("query.presets." + name + ".query is not valid LogQL: " + failed.error().message());
            }
            if (!(((ParseResult.Parsed) result).expr() instanceof LogExpr logs)) {
                throw new IllegalStateException("query.presets." + name + ".query must be a log query, not a metric query");
            }
            if (!p.direction().equals("backward") && !p.direction().equals("forward")) {
                throw new IllegalStateException("query.presets." + name + ".direction must be backward or forward");
            }
            presets.put(name, new Preset(name, p.description(), LogqlPrinter.print(logs), p.direction(), logs));
        });
    }

    public List<Preset> all() {
        return new ArrayList<>(presets.values());
    }

    public Preset get(String name) {
        Preset preset = presets.get(name);
        if (preset == null) {
            throw new UnknownPresetException(name);
        }
        return preset;
    }
}
