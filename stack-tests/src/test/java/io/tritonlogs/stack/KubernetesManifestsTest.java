package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/: every file parses; kustomizations list only files that exist; workloads are non-root,
 * read-only, resourced and probed; the collector, RBAC, NetworkPolicies, PDBs, Loki and Grafana are
 * as the issue asks. The overlays are rendered with {@code kubectl kustomize} ({@code KUBECTL}, else
 * {@code kubectl} on the PATH; {@code .ci/run} brings kubectl 1.29 with kustomize 5.0) and the
 * rendered objects checked the same way; without kubectl only the patches' targets are checked.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Repo.path("k8s");
    private static final List<String> WORKLOADS = List.of("Deployment", "DaemonSet", "StatefulSet");

    @Test
    void everyYamlFileParses() {
        List<Path> files = Repo.files(K8S, ".yaml", ".yml");
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Path file : files) {
            assertThat(Repo.yamlDocuments(file)).as(Repo.relative(file)).isNotEmpty();
        }
    }

    @Test
    void everyFileAKustomizationNamesExists() {
        List<Path> kustomizations = Repo.files(K8S, "kustomization.yaml");
        assertThat(kustomizations).extracting(Repo::relative)
                .contains("k8s/base/kustomization.yaml", "k8s/overlays/dev/kustomization.yaml", "k8s/overlays/prod/kustomization.yaml");
        for (Path k : kustomizations) {
            JsonNode doc = Repo.yaml(k);
            Path dir = k.getParent();
            doc.path("resources").forEach(r -> assertThat(dir.resolve(r.asText()).normalize()).as("%s resource", k).exists());
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                doc.path(generator).forEach(g -> {
                    g.path("files").forEach(f -> {
                        String name = f.asText();
                        String source = name.contains("=") ? name.substring(name.indexOf('=') + 1) : name;
                        assertThat(dir.resolve(source)).as("%s %s", k, generator).isRegularFile();
                    });
                    g.path("envs").forEach(e -> assertThat(dir.resolve(e.asText() + ".example"))
                            .as("%s: %s is git-ignored; its example must exist", k, e.asText()).isRegularFile());
                });
            }
        }
        assertThat(Repo.read(K8S.resolve(".gitignore"))).contains("*.env");
    }

    @Test
    void configCopiesAreIdenticalToConfig() {
        Map<String, String> copies = Map.of(
                "k8s/base/files/loki-config.yaml", "config/loki/loki-config.yaml",
                "k8s/base/files/datasources.yaml", "config/grafana/provisioning/datasources/datasources.yaml",
                "k8s/base/files/dashboards.yaml", "config/grafana/provisioning/dashboards/dashboards.yaml",
                "k8s/base/files/dashboards/triton-logs.json", "config/grafana/dashboards/triton-logs.json",
                "k8s/base/files/dashboards/suite.json", "config/grafana/dashboards/suite.json",
                "k8s/base/files/triton-rules.yaml", "config/alert/rules/triton.yaml",
                "k8s/base/files/receivers.yaml", "config/alert/receivers.yaml");
        copies.forEach((copy, original) -> assertThat(Repo.read(Repo.path(copy))).as("%s = %s (cp %s %s)", copy, original, original, copy)
                .isEqualTo(Repo.read(Repo.path(original))));
        assertThat(Repo.files(Repo.path("config/grafana/dashboards"), ".json")).hasSameSizeAs(Repo.files(K8S.resolve("base/files/dashboards"), ".json"));
    }

    @Test
    void baseWorkloadsAreHardenedResourcedAndProbed() {
        checkWorkloads(baseDocuments());
    }

    @Test
    void collectorDaemonSetReadsPodLogsReadOnlyAndKeepsPositionsOnTheNode() {
        JsonNode ds = find(baseDocuments(), "DaemonSet", "collector-service");
        JsonNode pod = ds.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(env(container, "COLLECTOR_SOURCE")).isEqualTo("files");
        assertThat(env(container, "COLLECTOR_PODS_DIR")).isEqualTo("/var/log/pods");
        assertThat(env(container, "LOKI_URL")).isEqualTo("http://loki:3100");
        String dataDir = env(container, "COLLECTOR_DATA_DIR");
        JsonNode logs = mount(container, "/var/log/pods");
        assertThat(logs.path("readOnly").asBoolean()).isTrue();
        assertThat(volume(pod, logs.path("name").asText()).path("hostPath").path("path").asText()).isEqualTo("/var/log/pods");
        JsonNode positions = mount(container, dataDir);
        assertThat(volume(pod, positions.path("name").asText()).path("hostPath").path("type").asText()).isEqualTo("DirectoryOrCreate");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("collector-service");

        JsonNode role = find(baseDocuments(), "ClusterRole", "triton-logs-collector");
        assertThat(role.path("rules").toString()).contains("\"pods\"", "\"get\"", "\"list\"", "\"watch\"");
        assertThat(role.path("rules").toString()).doesNotContain("\"create\"", "\"delete\"", "\"secrets\"");
        JsonNode binding = find(baseDocuments(), "ClusterRoleBinding", "triton-logs-collector");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("collector-service");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("triton-logs-collector");
    }

    @Test
    void queryAndAlertServicesWithConfigMapsSecretsAndOneActiveEvaluator() {
        List<JsonNode> docs = baseDocuments();
        for (String name : List.of("query-service", "alert-service", "loki", "grafana", "collector-service")) {
            assertThat(find(docs, "Service", name).path("spec").path("selector").path("app.kubernetes.io/name").asText()).isEqualTo(name);
        }
        JsonNode alert = find(docs, "Deployment", "alert-service");
        assertThat(alert.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(alert.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        JsonNode pod = alert.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(volume(pod, mount(container, env(container, "ALERT_RULES_DIR")).path("name").asText()).path("configMap").path("name").asText())
                .isEqualTo("alert-rules");
        String receivers = env(container, "ALERT_RECEIVERS_FILE");
        String receiversDir = receivers.substring(0, receivers.lastIndexOf('/'));
        assertThat(volume(pod, mount(container, receiversDir).path("name").asText()).path("configMap").path("name").asText()).isEqualTo("alert-receivers");
        assertThat(volume(pod, mount(container, env(container, "ALERT_DATA_DIR")).path("name").asText()).has("persistentVolumeClaim")).isTrue();
        assertThat(container.path("envFrom").toString()).contains("alert-service-secrets");
        assertThat(find(docs, "Role", "alert-service-leader-election").path("rules").toString()).contains("coordination.k8s.io", "leases");

        JsonNode base = Repo.yaml(K8S.resolve("base/kustomization.yaml"));
        List<String> configMaps = new ArrayList<>();
        base.path("configMapGenerator").forEach(g -> configMaps.add(g.path("name").asText()));
        assertThat(configMaps).contains("alert-rules", "alert-receivers", "loki-config", "grafana-datasources", "grafana-dashboards");
        for (String overlay : List.of("dev", "prod", "scale-out")) {
            JsonNode k = Repo.yaml(K8S.resolve("overlays/" + overlay + "/kustomization.yaml"));
            Map<String, String> secrets = new java.util.HashMap<>();
            k.path("secretGenerator").forEach(g -> secrets.put(g.path("name").asText(), g.path("envs").get(0).asText()));
            if (overlay.equals("scale-out")) {
                assertThat(secrets).as(overlay).containsOnlyKeys("grafana-admin", "alert-service-secrets", "query-service-secrets", "loki-credentials");
                assertThat(Repo.read(dir(overlay).resolve(secrets.get("loki-credentials") + ".example"))).contains("LOKI_TENANT_ID=", "LOKI_BEARER_TOKEN=");
            } else {
                assertThat(secrets).as(overlay).containsOnlyKeys("grafana-admin", "alert-service-secrets", "query-service-secrets");
            }
            Path dir = K8S.resolve("overlays/" + overlay);
            assertThat(Repo.read(dir.resolve(secrets.get("grafana-admin") + ".example"))).contains("GRAFANA_ADMIN_PASSWORD=\n")
                    .doesNotContain("ALERT_WEBHOOK");
            assertThat(Repo.read(dir.resolve(secrets.get("alert-service-secrets") + ".example")))
                    .contains("ALERT_WEBHOOK_URL=", "ALERT_WEBHOOK_HMAC_KEY=").doesNotContain("GRAFANA");
            assertThat(Repo.read(dir.resolve(secrets.get("query-service-secrets") + ".example"))).contains("QUERY_AUTH_ENABLED=");
        }
        assertThat(Repo.read(Repo.path("k8s/base/files/receivers.yaml"))).contains("${ALERT_WEBHOOK_URL}", "${ALERT_WEBHOOK_HMAC_KEY}");
    }

    @Test
    void networkPoliciesDenyByDefaultAndOpenLokiOnlyToTheSuite() {
        List<JsonNode> policies = baseDocuments().stream().filter(d -> d.path("kind").asText().equals("NetworkPolicy")).toList();
        assertThat(policies).extracting(p -> p.path("metadata").path("name").asText()).contains("default-deny-ingress", "loki-ingress");
        JsonNode deny = find(policies, "NetworkPolicy", "default-deny-ingress");
        assertThat(deny.path("spec").path("podSelector").size()).isZero();
        assertThat(deny.path("spec").has("ingress")).isFalse();
        JsonNode loki = find(policies, "NetworkPolicy", "loki-ingress");
        assertThat(loki.path("spec").path("ingress").toString()).contains("collector-service", "query-service", "alert-service", "3100")
                .as("Grafana reads through the query-service's access control").doesNotContain("grafana");
    }

    @Test
    void podDisruptionBudgetsSelectExistingWorkloads() {
        List<JsonNode> docs = baseDocuments();
        List<JsonNode> pdbs = docs.stream().filter(d -> d.path("kind").asText().equals("PodDisruptionBudget")).toList();
        assertThat(pdbs).isNotEmpty();
        for (JsonNode pdb : pdbs) {
            String app = pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText();
            assertThat(docs.stream().anyMatch(d -> WORKLOADS.contains(d.path("kind").asText()) && d.path("metadata").path("name").asText().equals(app)))
                    .as("PDB %s selects workload %s", pdb.path("metadata").path("name").asText(), app).isTrue();
        }
    }

    @Test
    void lokiIsASingleBinaryStatefulSetWithAVolumeAndGrafanaHasTheSameProvisioning() {
        List<JsonNode> docs = baseDocuments();
        JsonNode loki = find(docs, "StatefulSet", "loki");
        assertThat(loki.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText()).isEqualTo("data");
        JsonNode lokiContainer = loki.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(lokiContainer.path("args").toString()).contains("-config.file=/etc/loki/loki-config.yaml");
        assertThat(mount(lokiContainer, "/loki").path("name").asText()).isEqualTo("data");
        assertThat(lokiContainer.path("image").asText())
                .isEqualTo(Repo.yaml(Repo.path("docker-compose.yml")).path("services").path("loki").path("image").asText());

        JsonNode grafana = find(docs, "Deployment", "grafana");
        JsonNode pod = grafana.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertThat(volume(pod, mount(c, "/etc/grafana/provisioning/datasources").path("name").asText()).path("configMap").path("name").asText())
                .isEqualTo("grafana-datasources");
        assertThat(volume(pod, mount(c, "/var/lib/grafana/dashboards").path("name").asText()).path("configMap").path("name").asText())
                .isEqualTo("grafana-dashboards");
        assertThat(c.path("env").toString()).contains("GF_SECURITY_ADMIN_PASSWORD", "grafana-admin").doesNotContain("\"value\":\"admin\",\"name\":\"GF_SECURITY_ADMIN_PASSWORD");
        JsonNode password = findEnv(c, "GF_SECURITY_ADMIN_PASSWORD");
        assertThat(password.has("value")).as("the password comes from a Secret").isFalse();
        assertThat(c.path("image").asText())
                .isEqualTo(Repo.yaml(Repo.path("docker-compose.yml")).path("services").path("grafana").path("image").asText());
    }

    @TestFactory
    List<DynamicTest> overlaysRender() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String overlay : List.of("dev", "prod", "scale-out")) {
            tests.add(DynamicTest.dynamicTest(overlay, () -> {
                Optional<String> rendered = kustomize(overlay);
                if (rendered.isPresent()) {
                    List<JsonNode> docs = Repo.yamlDocuments(rendered.get(), "kubectl kustomize k8s/overlays/" + overlay);
                    checkWorkloads(docs);
                    for (JsonNode d : docs) {
                        assertThat(d.path("kind").asText().equals("Namespace") || d.path("metadata").path("namespace").asText().equals("triton-logs")
                                || d.path("kind").asText().startsWith("Cluster"))
                                .as("%s %s in namespace triton-logs", d.path("kind").asText(), d.path("metadata").path("name").asText()).isTrue();
                    }
                    assertThat(docs).extracting(d -> d.path("kind").asText()).contains("Secret", "ConfigMap", "NetworkPolicy", "PodDisruptionBudget");
                    if (overlay.equals("scale-out")) {
                        checkScaleOut(docs);
                    } else {
                        assertThat(find(docs, "Deployment", "alert-service").path("spec").path("replicas").asInt()).isEqualTo(1);
                    }
                } else {
                    // No kubectl: check statically that every patch targets a base object.
                    JsonNode k = Repo.yaml(K8S.resolve("overlays/" + overlay + "/kustomization.yaml"));
                    List<JsonNode> base = baseDocuments();
                    k.path("patches").forEach(p -> {
                        JsonNode target = p.has("target") ? p.path("target") : Repo.yamlDocuments(p.path("patch").asText(), "inline patch").get(0);
                        String name = target.has("name") ? target.path("name").asText() : target.path("metadata").path("name").asText();
                        List<String> generated = new ArrayList<>();
                        Repo.yaml(K8S.resolve("base/kustomization.yaml")).path("configMapGenerator").forEach(g -> generated.add(g.path("name").asText()));
                        boolean generatedConfigMap = target.path("kind").asText().equals("ConfigMap") && generated.contains(name);
                        assertThat(generatedConfigMap || base.stream().anyMatch(d -> d.path("kind").asText().equals(target.path("kind").asText())
                                && d.path("metadata").path("name").asText().equals(name))).as("patch target %s", target).isTrue();
                    });
                }
            }));
        }
        return tests;
    }

    // --- checks shared by the base and the rendered overlays

    private static void checkWorkloads(List<JsonNode> docs) {
        List<JsonNode> workloads = docs.stream().filter(d -> WORKLOADS.contains(d.path("kind").asText())).toList();
        assertThat(workloads).extracting(w -> w.path("kind").asText() + "/" + w.path("metadata").path("name").asText())
                .contains("DaemonSet/collector-service", "Deployment/query-service", "Deployment/alert-service", "Deployment/grafana");
        boolean externalLoki = docs.stream().anyMatch(d -> d.path("metadata").path("name").asText().startsWith("loki-endpoint-"));
        if (!externalLoki) {
            assertThat(workloads).extracting(w -> w.path("kind").asText() + "/" + w.path("metadata").path("name").asText())
                    .as("Loki runs in the namespace unless an overlay points the suite at one outside").contains("StatefulSet/loki");
        }
        List<String> images = new ArrayList<>();
        for (JsonNode w : workloads) {
            String name = w.path("kind").asText() + "/" + w.path("metadata").path("name").asText();
            JsonNode pod = w.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as(name).isEqualTo("RuntimeDefault");
            for (JsonNode c : pod.path("containers")) {
                String where = name + " container " + c.path("name").asText();
                images.add(c.path("image").asText());
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("%s readOnlyRootFilesystem", where).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                        .as("%s allowPrivilegeEscalation: false", where).isTrue();
                assertThat(sc.path("capabilities").path("drop").toString()).as(where).isEqualTo("[\"ALL\"]");
                assertThat(sc.path("capabilities").has("add")).as("%s adds capabilities", where).isFalse();
                boolean nonRoot = sc.path("runAsNonRoot").asBoolean(pod.path("securityContext").path("runAsNonRoot").asBoolean(false));
                if (name.equals("DaemonSet/collector-service")) {
                    // The documented exception: pod log files are root-owned 0640/0600.
                    assertThat(nonRoot).isFalse();
                    assertThat(pod.path("securityContext").path("runAsUser").asInt(-1)).isZero();
                    assertThat(Repo.read(K8S.resolve("base/collector-service.yaml"))).contains("runs as\n# uid 0");
                } else {
                    assertThat(nonRoot).as("%s runAsNonRoot", where).isTrue();
                    assertThat(sc.path("runAsUser").asInt(pod.path("securityContext").path("runAsUser").asInt(0))).as(where).isPositive();
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(c.path("resources").path(kind).path(resource).asText()).as("%s %s.%s", where, kind, resource).isNotBlank();
                    }
                }
                assertThat(c.has("readinessProbe")).as("%s readinessProbe", where).isTrue();
                assertThat(c.has("livenessProbe")).as("%s livenessProbe", where).isTrue();
                if (c.path("image").asText().contains("triton-logs/")) {
                    assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
                    assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
                }
                for (JsonNode m : c.path("volumeMounts")) {
                    String volumeName = m.path("name").asText();
                    boolean claim = false;
                    for (JsonNode t : w.path("spec").path("volumeClaimTemplates")) {
                        claim |= t.path("metadata").path("name").asText().equals(volumeName);
                    }
                    if (claim) {
                        continue;
                    }
                    JsonNode v = volume(pod, volumeName);
                    if (v.has("hostPath") && !m.path("mountPath").asText().equals(env(c, "COLLECTOR_DATA_DIR"))) {
                        assertThat(m.path("readOnly").asBoolean()).as("%s hostPath %s read-only", where, m.path("mountPath").asText()).isTrue();
                    }
                }
            }
        }
        assertThat(ImageRefs.unpinned(images)).isEmpty();
    }

    // --- helpers

    private static List<JsonNode> baseDocuments() {
        List<JsonNode> docs = new ArrayList<>();
        JsonNode k = Repo.yaml(K8S.resolve("base/kustomization.yaml"));
        k.path("resources").forEach(r -> docs.addAll(Repo.yamlDocuments(K8S.resolve("base").resolve(r.asText()))));
        return docs;
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static JsonNode findEnv(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name + " in container " + container.path("name").asText());
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode mount(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("nothing mounted at " + path + " in " + container.path("name").asText());
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Path dir(String overlay) {
        return K8S.resolve("overlays/" + overlay);
    }

    /**
     * The scale-out overlay: no Loki of its own; every service reads Loki's URL from one ConfigMap and
     * its tenant and token from one Secret; two alert-service replicas electing a leader on shared
     * (ReadWriteMany) state, with a budget keeping one; the query-service under an autoscaler.
     */
    private static void checkScaleOut(List<JsonNode> docs) {
        assertThat(docs).noneMatch(d -> d.path("metadata").path("name").asText().startsWith("loki")
                && !d.path("metadata").path("name").asText().startsWith("loki-endpoint")
                && !d.path("metadata").path("name").asText().startsWith("loki-credentials"));
        String endpoint = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                && d.path("metadata").path("name").asText().startsWith("loki-endpoint-")).findFirst().orElseThrow()
                .path("metadata").path("name").asText();
        for (String[] workload : List.of(new String[] {"DaemonSet", "collector-service"}, new String[] {"Deployment", "query-service"},
                new String[] {"Deployment", "alert-service"})) {
            JsonNode container = find(docs, workload[0], workload[1]).path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, JsonNode> env = new java.util.HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertThat(env.get("LOKI_URL").has("value")).as("%s LOKI_URL has no literal value left", workload[1]).isFalse();
            assertThat(env.get("LOKI_URL").path("valueFrom").path("configMapKeyRef").path("name").asText()).isEqualTo(endpoint);
            for (String key : List.of("LOKI_TENANT_ID", "LOKI_BEARER_TOKEN")) {
                assertThat(env.get(key).path("valueFrom").path("secretKeyRef").path("name").asText()).as("%s %s", workload[1], key)
                        .startsWith("loki-credentials-");
            }
        }
        JsonNode alert = find(docs, "Deployment", "alert-service");
        assertThat(alert.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(alert.path("spec").path("template").path("spec").path("containers").get(0).path("env").toString())
                .contains("\"ALERT_LEASE_ENABLED\"", "\"true\"");
        assertThat(find(docs, "PersistentVolumeClaim", "alert-service-data").path("spec").path("accessModes").toString()).contains("ReadWriteMany");
        assertThat(find(docs, "PodDisruptionBudget", "alert-service").path("spec").path("minAvailable").asInt()).isEqualTo(1);
        JsonNode hpa = find(docs, "HorizontalPodAutoscaler", "query-service");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("query-service");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(find(docs, "Deployment", "query-service").path("spec").has("replicas")).as("the autoscaler owns replicas").isFalse();
        JsonNode values = Repo.yaml(K8S.resolve("overlays/scale-out/loki-values.yaml"));
        assertThat(values.path("deploymentMode").asText()).isEqualTo("SimpleScalable");
        assertThat(values.path("loki").path("auth_enabled").asBoolean()).isTrue();
        assertThat(values.path("loki").path("limits_config").path("allow_structured_metadata").asBoolean()).isTrue();
        assertThat(values.path("loki").path("limits_config").path("retention_period").asText()).isEqualTo("168h");
    }

    /** The overlay rendered by {@code kubectl kustomize} in a scratch copy with secrets/*.env from their examples; empty without kubectl. */
    private static Optional<String> kustomize(String overlay) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("k8s-" + overlay);
        try {
            copy(K8S, scratch);
            Path dir = scratch.resolve("overlays").resolve(overlay);
            try (Stream<Path> examples = Files.list(dir.resolve("secrets"))) {
                for (Path example : examples.filter(f -> f.getFileName().toString().endsWith(".env.example")).toList()) {
                    String name = example.getFileName().toString();
                    Files.writeString(example.resolveSibling(name.substring(0, name.length() - ".example".length())),
                            Files.readString(example).replaceAll("(?m)^([A-Z_]+)=$", "$1=test-only"));
                }
            }
            Process p;
            try {
                String kubectl = Optional.ofNullable(System.getenv("KUBECTL")).filter(k -> !k.isBlank()).orElse("kubectl");
                p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
            } catch (IOException noKubectl) {
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize k8s/overlays/%s: %s", overlay, err).isZero();
            return Optional.of(out);
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".env")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
