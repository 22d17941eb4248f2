package io.tritonlogs.alert.rules;

import java.time.Duration;
import java.util.List;

/** A rule group: its rules are evaluated together every {@code interval}. {@code limit} 0 means no limit. */
public record RuleGroup(String file, String name, Duration interval, int limit, List<AlertRule> rules) {

    public RuleGroup {
        if (file == null || name == null || interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("a group needs a file, a name and a positive interval");
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public String key() {
        return file + "/" + name;
    }
}
