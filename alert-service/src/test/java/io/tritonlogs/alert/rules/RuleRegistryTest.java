package io.tritonlogs.alert.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RuleRegistryTest {

    private static final String GOOD = """
            groups:
              - name: g
                rules:
                  - alert: Burst
                    expr: sum by (model_name) (count_over_time({level="ERROR"}[1m])) > 10
            """;

    @Test
    void aBadFileOnReloadIsReportedAndThePreviousGoodRulesKeepRunning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("triton.yaml"), GOOD);
        RuleRegistry registry = new RuleRegistry(new RuleFileParser(Duration.ofMinutes(1)), Optional.of(dir));
        assertThat(registry.reload().refused()).isEmpty();
        assertThat(registry.groups()).hasSize(1);

        Files.writeString(dir.resolve("triton.yaml"), GOOD.replace("> 10", "> 10)").replace("Burst", "Changed"));
        RuleRegistry.ReloadReport report = registry.reload();

        assertThat(report.refused()).containsOnlyKeys("triton.yaml");
        assertThat(report.refused().get("triton.yaml").get(0).describe()).startsWith("triton.yaml: group \"g\", rule \"Changed\", line 5, column ");
        assertThat(registry.groups()).singleElement().satisfies(g -> assertThat(g.rules().get(0).name()).isEqualTo("Burst"));

        Files.writeString(dir.resolve("triton.yaml"), GOOD.replace("Burst", "Fixed"));
        assertThat(registry.reload().refused()).isEmpty();
        assertThat(registry.groups().get(0).rules().get(0).name()).isEqualTo("Fixed");
    }

    @Test
    void withoutADirectoryTheBuiltInRulesRun() {
        RuleRegistry registry = new RuleRegistry(new RuleFileParser(Duration.ofMinutes(1)), Optional.empty());
        registry.reload();
        assertThat(registry.groups()).extracting(RuleGroup::name).containsExactly("triton-errors", "triton-warnings", "triton-models");
    }
}
