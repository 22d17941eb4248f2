package io.tritonlogs.stack;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module and package rules of docs/architecture.md, checked on the modules' compiled classes
 * ({@code <module>/target/classes}, so it runs after they are compiled, as {@code ./mvnw verify}
 * does): each service's packages follow the data's way with no cycles, each package depends only
 * on the packages its rule names, and modules depend downwards only (common ← service-support ←
 * services; no service on another).
 */
class ArchitectureTest {

    /** Each service's packages and the packages of the same service each may use. A package without a rule fails the test. */
    enum Service {
        COLLECTOR("collector-service", "io.tritonlogs.collector", Map.ofEntries(
                Map.entry("config", Set.of()),
                Map.entry("positions", Set.of()),
                Map.entry("supervision", Set.of()),
                Map.entry("source", Set.of("positions")),
                Map.entry("pipeline", Set.of("positions")),
                Map.entry("docker", Set.of("source", "pipeline", "positions", "supervision")),
                Map.entry("files", Set.of("source", "pipeline", "positions", "supervision")),
                Map.entry("shipping", Set.of("config", "source", "pipeline", "positions", "supervision")),
                Map.entry("runtime", Set.of("*")),
                Map.entry("health", Set.of("*")),
                Map.entry("api", Set.of("*")))),
        QUERY("query-service", "io.tritonlogs.query", Map.ofEntries(
                Map.entry("config", Set.of()),
                Map.entry("errors", Set.of()),
                Map.entry("metrics", Set.of()),
                Map.entry("time", Set.of("config", "errors")),
                Map.entry("auth", Set.of("config", "errors")),
                Map.entry("loki", Set.of("config", "errors")),
                Map.entry("prometheus", Set.of("config", "errors")),
                Map.entry("presets", Set.of("config", "errors")),
                Map.entry("search", Set.of("config", "errors", "time", "metrics", "loki", "auth")),
                Map.entry("stats", Set.of("errors", "time", "search")),
                Map.entry("correlate", Set.of("search", "stats", "prometheus")),
                Map.entry("lokiapi", Set.of("config", "errors", "metrics", "loki", "auth")),
                Map.entry("rest", Set.of("*")))),
        ALERT("alert-service", "io.tritonlogs.alert", Map.ofEntries(
                Map.entry("config", Set.of()),
                Map.entry("rules", Set.of()),
                Map.entry("lease", Set.of("config")),
                Map.entry("eval", Set.of("rules")),
                Map.entry("notify", Set.of("rules", "eval")),
                Map.entry("delivery", Set.of("notify")),
                Map.entry("engine", Set.of("config", "lease", "rules", "eval", "notify", "delivery")),
                Map.entry("api", Set.of("engine", "rules", "eval", "notify", "delivery")),
                Map.entry("nativeimage", Set.of("*"))));

        final String module;
        final String root;
        final Map<String, Set<String>> mayUse;

        Service(String module, String root, Map<String, Set<String>> mayUse) {
            this.module = module;
            this.root = root;
            this.mayUse = mayUse;
        }
    }

    private static JavaClasses classesOf(String module) {
        Path classes = Repo.root().resolve(module).resolve("target/classes");
        assertThat(classes.resolve("io/tritonlogs")).as("compile %s first (./mvnw verify does): %s is missing", module, classes).isDirectory();
        return new ClassFileImporter().importPath(classes);
    }

    /** The first package segment under {@code root} of each class (classes right in {@code root} count as ""). */
    private static Set<String> packagesOf(JavaClasses classes, String root) {
        return classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(root))
                .map(p -> p.equals(root) ? "" : p.substring(root.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyPackageHasARuleAndKeepsIt(Service service) {
        JavaClasses classes = classesOf(service.module);
        Set<String> packages = packagesOf(classes, service.root);
        assertThat(service.mayUse.keySet()).as("%s: packages without a rule in ArchitectureTest (and docs/architecture.md)", service.module)
                .containsAll(packages);
        for (String pkg : packages) {
            Set<String> allowed = service.mayUse.get(pkg);
            if (allowed.contains("*")) {
                continue;
            }
            String[] forbidden = packages.stream().filter(other -> !other.equals(pkg) && !allowed.contains(other))
                    .map(other -> other.isEmpty() ? service.root : service.root + "." + other + "..").toArray(String[]::new);
            if (forbidden.length == 0) {
                continue;
            }
            ArchRule rule = noClasses().that().resideInAPackage(service.root + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(pkg + " may use only " + (allowed.isEmpty() ? "no other package" : new TreeSet<>(allowed)) + " of " + service.module);
            rule.check(classes);
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void packagesHaveNoCycles(Service service) {
        slices().matching(service.root + ".(*)..").should().beFreeOfCycles().check(classesOf(service.module));
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void aServiceUsesNoOtherService(Service service) {
        String[] others = Arrays.stream(Service.values()).filter(s -> s != service).map(s -> s.root + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classesOf(service.module));
    }

    @Test
    void sharedModulesDependOnNoService() {
        List<String> services = Arrays.stream(Service.values()).map(s -> s.root + "..").toList();
        noClasses().should().dependOnClassesThat().resideInAnyPackage(services.toArray(String[]::new))
                .orShould().dependOnClassesThat().resideInAPackage("io.tritonlogs.support..")
                .because("common is plain Java under everything").check(classesOf("common"));
        noClasses().should().dependOnClassesThat().resideInAnyPackage(services.toArray(String[]::new)).check(classesOf("service-support"));
    }

    @Test
    void commonsPackagesHaveNoCycles() {
        slices().matching("io.tritonlogs.common.(*)..").should().beFreeOfCycles().check(classesOf("common"));
        slices().matching("io.tritonlogs.support.(*)..").should().beFreeOfCycles().check(classesOf("service-support"));
    }

    @Test
    void theRulesAreTheOnesTheArchitecturePageShows() throws Exception {
        String page = Files.readString(Repo.root().resolve("docs/architecture.md"));
        for (Service service : Service.values()) {
            for (String pkg : service.mayUse.keySet()) {
                assertThat(page).as("docs/architecture.md names %s's package %s", service.module, pkg).contains("`" + pkg + "`");
            }
        }
    }
}
