package io.tritonlogs.alert.eval;

import java.time.Instant;

/** The outcome of a rule's last evaluation: {@code health} ok, err or unknown (not evaluated yet). */
public record RuleHealth(String health, Instant lastEvaluation, double evaluationSeconds, int series, String lastError) {
    public static final RuleHealth UNKNOWN = new RuleHealth("unknown", null, 0, 0, null);
}
