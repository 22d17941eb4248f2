package io.tritonlogs.alert.rules;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rules in force. Reads every {@code *.yaml}/{@code *.yml} file under the rules directory, or
 * the built-in {@code default-rules/triton.yaml} when no directory is configured. A file that fails
 * to parse is reported and its previous good version keeps running. Thread-safe.
 */
public final class RuleRegistry {

    public static final String DEFAULT_RULES = "default-rules/triton.yaml";

    /** What one reload found: files refused with their faults. */
    public record ReloadReport(int files, int groups, int rules, Map<String, List<RuleError>> refused) {
    }

    private record Loaded(String text, List<RuleGroup> groups) {
    }

    private final RuleFileParser parser;
    private final Optional<Path> dir;
    private final Map<String, Loaded> good = new TreeMap<>();
    private final Map<String, List<RuleError>> refused = new TreeMap<>();
    private volatile List<RuleGroup> groups = List.of();

    public RuleRegistry(RuleFileParser parser, Optional<Path> dir) {
        this.parser = parser;
        this.dir = dir;
    }

    public List<RuleGroup> groups() {
        return groups;
    }

    public synchronized Map<String, List<RuleError>> refused() {
        return Map.copyOf(refused);
    }

    /** Re-reads the files; unchanged ones are not parsed again. */
    public synchronized ReloadReport reload() {
        Map<String, String> texts = readSources();
        good.keySet().retainAll(texts.keySet());
        refused.keySet().retainAll(texts.keySet());
        for (var source : texts.entrySet()) {
            String name = source.getKey();
            Loaded previous = good.get(name);
            if (previous != null && previous.text().equals(source.getValue()) && !refused.containsKey(name)) {
                continue;
            }
            try {
                good.put(name, new Loaded(source.getValue(), parser.parse(name, source.getValue())));
                refused.remove(name);
            } catch (RuleFileException e) {
                refused.put(name, e.errors());
                Log.warnf("Rule file refused, %s: %s", previous == null ? "it is not loaded" : "its previous version keeps running", e.getMessage());
            }
        }
        List<RuleGroup> all = new ArrayList<>();
        good.values().forEach(l -> all.addAll(l.groups()));
        groups = List.copyOf(all);
        return new ReloadReport(good.size(), all.size(), all.stream().mapToInt(g -> g.rules().size()).sum(), Map.copyOf(refused));
    }

    private Map<String, String> readSources() {
        Map<String, String> texts = new LinkedHashMap<>();
        if (dir.isEmpty()) {
            try (InputStream in = RuleRegistry.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULT_RULES + " is missing from the application");
                }
                texts.put(DEFAULT_RULES, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return texts;
        }
        Path root = dir.get();
        if (!Files.isDirectory(root)) {
            Log.warnf("Rules directory %s does not exist: no rules", root);
            return texts;
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("[^.].*\\.ya?ml")).sorted().toList()) {
                texts.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            Log.warnf("Cannot read rules directory %s: %s; keeping the rules in force", root, e.getMessage());
            good.keySet().forEach(name -> texts.put(name, good.get(name).text()));
        }
        return texts;
    }
}
