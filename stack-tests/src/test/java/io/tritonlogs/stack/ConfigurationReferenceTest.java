package io.tritonlogs.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md stays the complete, true list of settings: each service's section has a
 * row for every property its {@code @ConfigMapping} interfaces and {@code @ConfigProperty}
 * injections declare (read from the sources, see {@link ConfigMappings}), with the environment
 * variable Quarkus derives from it, its {@code @WithDefault}, and the variable its
 * application.properties maps it from ({@code prop=${VAR:default}}); and no row names a property
 * the service does not have.
 */
class ConfigurationReferenceTest {

    private static final String DOC = "docs/configuration.md";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)$");
    private static final Pattern ENV_MAPPED = Pattern.compile("^([a-z][\\w.\\-]*)\\s*=\\s*\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}\\s*$");

    /** A table row of the section: property (or env var), then the other cells. */
    record Row(String key, List<String> cells, int line) {
        String envCell() {
            return cells.isEmpty() ? "" : cells.get(0);
        }

        String defaultCell() {
            return cells.size() < 2 ? "" : cells.get(1);
        }
    }

    /** The rows of the section whose {@code ## } heading names the module, by first cell. */
    private static Map<String, Row> section(String module) {
        List<String> lines = Repo.read(Repo.path(DOC)).lines().toList();
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inside = false;
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                inside = line.contains(module);
                found |= inside;
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (inside && m.matches()) {
                List<String> cells = new ArrayList<>();
                for (String cell : m.group(2).split("(?<!\\\\)\\|", -1)) {
                    cells.add(cell.trim());
                }
                Row previous = rows.put(m.group(1), new Row(m.group(1), cells, i + 1));
                assertThat(previous).as(DOC + ":" + (i + 1) + ": " + m.group(1) + " documented twice for " + module).isNull();
            }
        }
        assertThat(found).as(DOC + " has a '## … " + module + "' section").isTrue();
        return rows;
    }

    private static boolean isProperty(String key) {
        return !key.equals(key.toUpperCase(java.util.Locale.ROOT)); // env-var-only rows are all caps
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector-service", "query-service", "alert-service"})
    void everySettingIsDocumentedWithItsEnvironmentVariableAndDefault(String module) {
        Map<String, ConfigMappings.Setting> settings = ConfigMappings.of(module);
        assertThat(settings).as("settings found in " + module + "'s sources").hasSizeGreaterThan(3);
        Map<String, Row> rows = section(module);
        List<String> faults = new ArrayList<>();
        settings.values().forEach(s -> {
            Row row = rows.get(s.property());
            if (row == null) {
                faults.add(s.property() + " (" + s.declaredIn() + ") has no row in " + DOC + "'s " + module + " section");
                return;
            }
            String env = ConfigMappings.envVar(s.property());
            if (!row.envCell().contains("`" + env + "`")) {
                faults.add(DOC + ":" + row.line() + ": " + s.property() + " should name its environment variable `" + env + "`");
            }
            s.defaultValue().ifPresent(d -> {
                if (!row.defaultCell().replace("\\|", "|").contains("`" + d + "`")) {
                    faults.add(DOC + ":" + row.line() + ": " + s.property() + " should give its default `" + d + "`");
                }
            });
        });
        assertThat(faults).as("undocumented or misdocumented settings").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector-service", "query-service", "alert-service"})
    void everyDocumentedPropertyExists(String module) {
        Map<String, ConfigMappings.Setting> settings = ConfigMappings.of(module);
        List<String> stale = section(module).values().stream()
                .filter(r -> isProperty(r.key()) && !settings.containsKey(r.key()))
                .map(r -> DOC + ":" + r.line() + ": " + r.key() + " is not a setting of " + module)
                .toList();
        assertThat(stale).as("rows naming settings that do not exist").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector-service", "query-service", "alert-service"})
    void everyVariableApplicationPropertiesReadsIsDocumented(String module) {
        Path properties = Repo.path(module + "/src/main/resources/application.properties");
        Map<String, Row> rows = section(module);
        List<String> faults = new ArrayList<>();
        for (String line : Repo.read(properties).lines().toList()) {
            Matcher m = ENV_MAPPED.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Row row = rows.get(m.group(1));
            if (row == null || !row.envCell().contains("`" + m.group(2) + "`")) {
                faults.add(m.group(1) + " is read from " + m.group(2) + " (" + Repo.relative(properties) + "); its row in "
                        + DOC + " must name `" + m.group(2) + "`");
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void theSourceReaderFollowsNestedInterfacesMapsAndNames() {
        Map<String, ConfigMappings.Setting> collector = ConfigMappings.of("collector-service");
        assertThat(collector).containsKeys("collector.source", "collector.data-dir", "collector.docker.include-names",
                "collector.shipping.buffer-max-bytes", "collector.redaction.extra-rules.<name>.pattern",
                "collector.redaction.extra-rules.<name>.replacement", "loki.structured-metadata", "loki.url");
        assertThat(collector).doesNotContainKeys("collector.docker", "collector.redaction.extra-rules.<name>");
        assertThat(collector.get("collector.pipeline.max-line-bytes").defaultValue()).contains("262144");
        Map<String, ConfigMappings.Setting> query = ConfigMappings.of("query-service");
        assertThat(query).containsKeys("query.auth.tokens.<name>.token", "query.auth.tokens.<name>.matchers",
                "query.presets.<name>.direction", "query.limits.max-query-length", "prometheus.url", "loki.tail-url");
        assertThat(query.get("query.default-selector").defaultValue()).contains("container=~\".+\"");
        assertThat(ConfigMappings.of("alert-service")).containsKeys("alert.lease.renew-interval", "alert.delivery.log-size", "loki.url",
                "loki.username", "loki.connect-timeout");
        assertThat(ConfigMappings.of("alert-service").get("loki.url").declaredIn()).endsWith("LokiConnectionConfig.java");
        assertThat(ConfigMappings.kebab("maxLineBytes")).isEqualTo("max-line-bytes");
        assertThat(ConfigMappings.envVar("query.auth.tokens.<name>.token")).isEqualTo("QUERY_AUTH_TOKENS_<NAME>_TOKEN");
        assertThat(ConfigMappings.envVar("collector.data-dir")).isEqualTo("COLLECTOR_DATA_DIR");
    }

    @Test
    void theReadmeIsALandingPageUnder200LinesWithTheTwoSetUpCommands() throws Exception {
        List<String> readme = Files.readAllLines(Repo.path("README.md"));
        assertThat(readme.size()).as("README.md lines (details belong in docs/)").isLessThan(200);
        int open = readme.indexOf("```bash");
        assertThat(open).as("README.md's first code block").isBetween(0, 20);
        List<String> commands = new ArrayList<>();
        for (int i = open + 1; !readme.get(i).equals("```"); i++) {
            if (!readme.get(i).isBlank()) {
                commands.add(readme.get(i).replaceAll("\\s+#.*$", "").trim());
            }
        }
        assertThat(commands).containsExactly("scripts/start-stack.sh", "./mvnw verify");
    }

    @Test
    void readmeAndDocsLinkOnlyToFilesInTheRepository() {
        List<Path> pages = new ArrayList<>(Repo.files(Repo.path("docs"), ".md"));
        pages.add(Repo.path("README.md"));
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");
        List<String> faults = new ArrayList<>();
        for (Path page : pages) {
            String text = Repo.read(page);
            if (text.contains("../shared")) {
                faults.add(Repo.relative(page) + " refers to ../shared, which a clone does not have");
            }
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto
                }
                if (!Files.exists(page.getParent().resolve(target).normalize())) {
                    faults.add(Repo.relative(page) + " links to " + target + ", which does not exist");
                }
            }
        }
        assertThat(faults).isEmpty();
    }
}
