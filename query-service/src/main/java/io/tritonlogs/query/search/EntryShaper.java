package io.tritonlogs.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.common.triton.ModelNameExtractor;
import io.tritonlogs.common.triton.ParsedLine;
import io.tritonlogs.common.triton.TritonLineParser;
import io.tritonlogs.query.loki.TailEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Loki's {@code streams} into entries, newest first for {@code backward} and oldest first
 * for {@code forward}, each parsed with common's Triton parser. A multi-line entry (a table, a
 * traceback) is parsed by its first line; its message keeps the continuation lines.
 */
@ApplicationScoped
public class EntryShaper {

    private final TritonLineParser parser = new TritonLineParser();
    private final ModelNameExtractor models = new ModelNameExtractor();

    public List<LogEntry> entries(JsonNode data, String direction, int limit) {
        List<LogEntry> entries = new ArrayList<>();
        for (JsonNode stream : data.path("result")) {
            Map<String, String> labels = labels(stream.path("stream"));
            for (JsonNode value : stream.path("values")) {
                entries.add(entry(value.path(0).asText(), labels, value.path(1).asText()));
            }
        }
        Comparator<LogEntry> byTime = Comparator.comparing((LogEntry e) -> Long.parseLong(e.timestampNanos()));
        entries.sort("forward".equals(direction) ? byTime : byTime.reversed());
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    /** One entry of a live tail, its labels sorted by name as in a search's entries. */
    public LogEntry entry(TailEvent.Entry tailed) {
        return entry(tailed.timestampNanos(), new TreeMap<>(tailed.labels()), tailed.line());
    }

    /** One entry from a nanosecond timestamp, its stream's labels and the raw line. */
    private LogEntry entry(String nanos, Map<String, String> labels, String line) {
        long ns = Long.parseLong(nanos);
        String ts = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)).toString();
        return new LogEntry(ts, nanos, labels, line, parse(line));
    }

    LogEntry.Parsed parse(String line) {
        int newline = line.indexOf('\n');
        String first = newline < 0 ? line : line.substring(0, newline);
        ParsedLine parsed = parser.parse(first);
        String message = parsed.message();
        if (newline >= 0) {
            message = message + line.substring(newline);
        }
        return new LogEntry.Parsed(parsed.level().name(), parsed.source(), message, models.extract(parsed));
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            labels.put(name, node.path(name).asText());
        }
        return labels;
    }

}
