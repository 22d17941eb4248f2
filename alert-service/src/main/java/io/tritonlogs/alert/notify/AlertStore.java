package io.tritonlogs.alert.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.tritonlogs.alert.eval.Alert;
import io.tritonlogs.alert.eval.AlertStates;
import io.tritonlogs.common.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alert and notification-group state, kept in memory and saved atomically to
 * {@code <data-dir>/state.json} after each evaluation, so that a restart resumes where the last
 * instance stopped (no second firing notification, {@code repeat_interval} counted from the
 * persisted last send). Alerts and groups share one file so that one atomic write keeps them
 * consistent; hence this store sits with the notification groups, and the evaluator sees it only
 * as {@link AlertStates}. Thread-safe.
 */
public final class AlertStore implements AlertStates {

    /** The file's content. */
    public record Snapshot(Map<String, List<Alert>> alerts, Map<String, GroupState> groups) {
    }

    private final Path file;
    private final ObjectMapper json;
    private final Map<String, List<Alert>> alerts = new TreeMap<>();
    private final Map<String, GroupState> groups = new TreeMap<>();

    /** {@code json} writes and reads the state file; it must handle {@code java.time} types and ignore unknown members. */
    public AlertStore(Path dataDir, ObjectMapper json) {
        this.file = dataDir.resolve("state.json");
        this.json = json;
        reload();
    }

    /**
     * Reads the state file again, replacing what is held: a stand-by replica that takes the Lease
     * carries on from what the previous leader last saved on the shared volume.
     */
    public synchronized void reload() {
        alerts.clear();
        groups.clear();
        if (Files.exists(file)) {
            try {
                Snapshot snapshot = json.readValue(file.toFile(), new TypeReference<Snapshot>() {
                });
                if (snapshot.alerts() != null) {
                    alerts.putAll(snapshot.alerts());
                }
                if (snapshot.groups() != null) {
                    groups.putAll(snapshot.groups());
                }
                Log.infof("Alert state restored from %s: %d rules with alerts, %d notification groups", file, alerts.size(), groups.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read alert state " + file + "; move it away to start afresh", e);
            }
        }
    }

    @Override
    public synchronized List<Alert> alerts(String ruleKey) {
        return alerts.getOrDefault(ruleKey, List.of());
    }

    @Override
    public synchronized void put(String ruleKey, List<Alert> ruleAlerts) {
        if (ruleAlerts.isEmpty()) {
            alerts.remove(ruleKey);
        } else {
            alerts.put(ruleKey, List.copyOf(ruleAlerts));
        }
    }

    /**
     * Forgets the alerts of rules no longer defined (their groups then notify them as resolved),
     * except those of refused files: a rule that cannot be read was not evaluated, and an alert is
     * resolved only by an evaluation (e.g. a restart with a broken file keeps its firing alerts).
     */
    public synchronized void retainRules(Set<String> ruleKeys, Set<String> refusedFiles) {
        alerts.keySet().removeIf(key -> !ruleKeys.contains(key) && refusedFiles.stream().noneMatch(file -> key.startsWith(file + "/")));
    }

    public synchronized List<Alert> all() {
        List<Alert> all = new ArrayList<>();
        alerts.values().forEach(all::addAll);
        return all;
    }

    public synchronized Map<String, GroupState> groups() {
        return new TreeMap<>(groups);
    }

    public synchronized void replaceGroups(Collection<GroupState> states) {
        groups.clear();
        states.forEach(s -> groups.put(s.key(), s));
    }

    public synchronized void save() {
        try {
            AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Snapshot(alerts, groups)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save alert state to " + file, e);
        }
    }
}
