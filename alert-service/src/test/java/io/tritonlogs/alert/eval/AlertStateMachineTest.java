package io.tritonlogs.alert.eval;

import io.tritonlogs.alert.rules.AlertRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(15);

    private final AlertRule rule = new AlertRule("f.yaml", "g", "Burst", "x", Duration.ofMinutes(2), Duration.ZERO,
            Map.of("severity", "critical"), Map.of("summary", "{{ $labels.model_name }}: {{ $value }} errors"));
    private final Sample resnet = new Sample(Map.of("model_name", "resnet"), 12);

    @Test
    void pendingThenFiringAfterForThenResolvedWhenTheSeriesIsGone() {
        List<Alert> a = AlertStateMachine.advance(rule, List.of(), List.of(resnet), T0, RETENTION);
        assertThat(a).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.PENDING);
            assertThat(alert.labels()).containsEntry("alertname", "Burst").containsEntry("severity", "critical").containsEntry("model_name", "resnet");
            assertThat(alert.annotations()).containsEntry("summary", "resnet: 12 errors");
        });
        a = AlertStateMachine.advance(rule, a, List.of(resnet), T0.plusSeconds(60), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.PENDING);
        a = AlertStateMachine.advance(rule, a, List.of(resnet), T0.plusSeconds(120), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.FIRING);
        assertThat(a.get(0).firedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(a.get(0).activeAt()).isEqualTo(T0);
        a = AlertStateMachine.advance(rule, a, List.of(), T0.plusSeconds(180), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(a.get(0).resolvedAt()).isEqualTo(T0.plusSeconds(180));
        a = AlertStateMachine.advance(rule, a, List.of(), T0.plusSeconds(180).plus(RETENTION), RETENTION);
        assertThat(a).isEmpty();
    }

    @Test
    void aPendingAlertWhoseSeriesGoesAwayIsForgottenAndStartsOver() {
        List<Alert> a = AlertStateMachine.advance(rule, List.of(), List.of(resnet), T0, RETENTION);
        a = AlertStateMachine.advance(rule, a, List.of(), T0.plusSeconds(60), RETENTION);
        assertThat(a).isEmpty();
        a = AlertStateMachine.advance(rule, a, List.of(resnet), T0.plusSeconds(120), RETENTION);
        assertThat(a.get(0).activeAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void keepFiringForHoldsTheAlertAfterItsSeriesIsGone() {
        AlertRule keep = new AlertRule("f.yaml", "g", "Reloaded", "x", Duration.ZERO, Duration.ofMinutes(5), Map.of(), Map.of());
        List<Alert> a = AlertStateMachine.advance(keep, List.of(), List.of(resnet), T0, RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.FIRING);
        // Evaluated every minute: the series is first missing at 60 s, so it keeps firing until 360 s (Prometheus' count).
        for (int second = 60; second <= 300; second += 60) {
            a = AlertStateMachine.advance(keep, a, List.of(), T0.plusSeconds(second), RETENTION);
            assertThat(a.get(0).state()).as("at %d s", second).isEqualTo(AlertState.FIRING);
            assertThat(a.get(0).keepFiringSince()).isEqualTo(T0.plusSeconds(60));
        }
        a = AlertStateMachine.advance(keep, a, List.of(), T0.plusSeconds(360), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(a.get(0).resolvedAt()).isEqualTo(T0.plusSeconds(360));

        // A series that comes back while kept firing goes on firing, and the count starts afresh when it is gone again.
        a = AlertStateMachine.advance(keep, List.of(), List.of(resnet), T0, RETENTION);
        a = AlertStateMachine.advance(keep, a, List.of(), T0.plusSeconds(60), RETENTION);
        a = AlertStateMachine.advance(keep, a, List.of(resnet), T0.plusSeconds(120), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.FIRING);
        assertThat(a.get(0).keepFiringSince()).isNull();
        assertThat(a.get(0).firedAt()).isEqualTo(T0);
        a = AlertStateMachine.advance(keep, a, List.of(), T0.plusSeconds(180), RETENTION);
        a = AlertStateMachine.advance(keep, a, List.of(), T0.plusSeconds(479), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.FIRING);
        a = AlertStateMachine.advance(keep, a, List.of(), T0.plusSeconds(480), RETENTION);
        assertThat(a.get(0).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void eachSeriesIsItsOwnAlertWithAStableFingerprint() {
        Sample bert = new Sample(Map.of("model_name", "bert"), 30);
        List<Alert> a = AlertStateMachine.advance(rule, List.of(), List.of(resnet, bert), T0, RETENTION);
        assertThat(a).hasSize(2);
        assertThat(a.get(0).fingerprint()).isNotEqualTo(a.get(1).fingerprint());
        List<Alert> again = AlertStateMachine.advance(rule, List.of(), List.of(resnet, bert), T0, RETENTION);
        assertThat(again).extracting(Alert::fingerprint).containsExactlyElementsOf(a.stream().map(Alert::fingerprint).toList());
    }
}
