package io.tritonlogs.alert.eval;

import java.util.List;

/** Where the evaluator reads a rule's current alerts and puts their next states; the store that persists them sits above. */
public interface AlertStates {

    /** The alerts of {@code ruleKey}, none when it has none. */
    List<Alert> alerts(String ruleKey);

    /** Replaces the alerts of {@code ruleKey}; an empty list forgets the rule. */
    void put(String ruleKey, List<Alert> alerts);
}
