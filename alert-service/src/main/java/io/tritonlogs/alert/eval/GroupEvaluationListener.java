package io.tritonlogs.alert.eval;

import io.tritonlogs.alert.rules.RuleGroup;

import java.time.Instant;

/**
 * Told when all rules of a group have been evaluated, before the group's evaluation counts as done
 * (its duration includes this): the notifications of the new alert states are made here.
 */
@FunctionalInterface
public interface GroupEvaluationListener {
    void groupEvaluated(RuleGroup group, Instant now);
}
