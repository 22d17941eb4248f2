package io.tritonlogs.alert.rules;

import java.util.List;

/** A rule file that cannot be used; carries every fault found, first one first. */
public class RuleFileException extends RuntimeException {

    private final List<RuleError> errors;

    public RuleFileException(List<RuleError> errors) {
        super(errors.isEmpty() ? "invalid rule file" : errors.get(0).describe()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
