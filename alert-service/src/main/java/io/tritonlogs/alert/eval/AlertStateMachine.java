package io.tritonlogs.alert.eval;

import io.tritonlogs.alert.rules.AlertRule;
import io.tritonlogs.alert.rules.Templates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert life cycle of one rule, as Prometheus runs it: each result series is an alert; a new
 * one is pending until it has been returned for {@code for}, then firing; when its series is gone
 * (and {@code keep_firing_for} has passed) it is resolved, and forgotten after {@code retention}.
 * A series that comes back after resolving starts again as pending. Pure function, no I/O.
 */
public final class AlertStateMachine {

    private AlertStateMachine() {
    }

    public static List<Alert> advance(AlertRule rule, List<Alert> previous, List<Sample> samples, Instant now, Duration retention) {
        Map<String, Alert> before = new HashMap<>();
        previous.forEach(a -> before.put(a.fingerprint(), a));
        Map<String, Alert> next = new LinkedHashMap<>();
        for (Sample sample : samples) {
            Map<String, String> labels = new TreeMap<>(sample.labels());
            labels.remove("__name__");
            labels.putAll(rule.labels());
            labels.put("alertname", rule.name());
            String fingerprint = fingerprint(labels);
            Map<String, String> annotations = new TreeMap<>();
            rule.annotations().forEach((k, v) -> annotations.put(k, Templates.render(v, labels, sample.value())));
            Alert old = before.get(fingerprint);
            Alert alert;
            if (old == null || old.state() == AlertState.RESOLVED) {
                boolean fire = rule.forDuration().isZero();
                alert = new Alert(rule.key(), fingerprint, labels, annotations, fire ? AlertState.FIRING : AlertState.PENDING,
                        sample.value(), now, fire ? now : null, now, null);
            } else if (old.state() == AlertState.PENDING && !now.isBefore(old.activeAt().plus(rule.forDuration()))) {
                alert = new Alert(rule.key(), fingerprint, labels, annotations, AlertState.FIRING, sample.value(), old.activeAt(), now, now, null);
            } else {
                alert = new Alert(rule.key(), fingerprint, labels, annotations, old.state(), sample.value(), old.activeAt(), old.firedAt(), now, null);
            }
            next.put(fingerprint, alert);
        }
        for (Alert old : previous) {
            if (next.containsKey(old.fingerprint())) {
                continue;
            }
            switch (old.state()) {
                case PENDING -> {
                    // back to inactive: forgotten
                }
                case FIRING -> {
                    // As Prometheus counts it: from the first evaluation that no longer returned the series.
                    Instant since = old.keepFiringSince() != null ? old.keepFiringSince() : now;
                    if (!rule.keepFiringFor().isZero() && now.isBefore(since.plus(rule.keepFiringFor()))) {
                        next.put(old.fingerprint(), new Alert(old.ruleKey(), old.fingerprint(), old.labels(), old.annotations(),
                                AlertState.FIRING, old.value(), old.activeAt(), old.firedAt(), old.lastSeenAt(), null, since));
                    } else {
                        next.put(old.fingerprint(), new Alert(old.ruleKey(), old.fingerprint(), old.labels(), old.annotations(),
                                AlertState.RESOLVED, old.value(), old.activeAt(), old.firedAt(), old.lastSeenAt(), now));
                    }
                }
                case RESOLVED -> {
                    if (now.isBefore(old.resolvedAt().plus(retention))) {
                        next.put(old.fingerprint(), old);
                    }
                }
            }
        }
        return new ArrayList<>(next.values());
    }

    /** A stable id of a label set: the first 16 hex digits of SHA-256 over the sorted labels. */
    public static String fingerprint(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> text.append(k).append('\u0000').append(v).append('\u0001'));
        return sha256Hex(text.toString()).substring(0, 16);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
