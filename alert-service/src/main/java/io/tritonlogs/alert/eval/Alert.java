package io.tritonlogs.alert.eval;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert: a rule and one series of its result. {@code activeAt} is when the series first crossed
 * the threshold, {@code firedAt} when it started firing, {@code lastSeenAt} the last evaluation that
 * returned it, {@code resolvedAt} when it stopped firing, {@code keepFiringSince} the first
 * evaluation without its series while {@code keep_firing_for} holds it (null otherwise).
 */
public record Alert(String ruleKey, String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                    AlertState state, double value, Instant activeAt, Instant firedAt, Instant lastSeenAt, Instant resolvedAt,
                    Instant keepFiringSince) {

    public Alert(String ruleKey, String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                 AlertState state, double value, Instant activeAt, Instant firedAt, Instant lastSeenAt, Instant resolvedAt) {
        this(ruleKey, fingerprint, labels, annotations, state, value, activeAt, firedAt, lastSeenAt, resolvedAt, null);
    }

    public Alert {
        if (ruleKey == null || fingerprint == null || state == null || activeAt == null) {
            throw new IllegalArgumentException("an alert needs a rule, a fingerprint, a state and activeAt");
        }
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        annotations = annotations == null ? Map.of() : Map.copyOf(new TreeMap<>(annotations));
    }

    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    /** For notifications: the firing time, else when it crossed the threshold. */
    public Instant startsAt() {
        return firedAt != null ? firedAt : activeAt;
    }
}
