package io.tritonlogs.alert.rules;

/**
 * Why a rule file was refused and where: 1-based line and column in the file; group and rule are
 * null when the fault is outside them.
 */
public record RuleError(String file, String group, String rule, int line, int column, String message) {

    /** e.g. {@code rules/triton.yaml: group "triton-errors", rule "TritonErrorBurst", line 12, column 11: expr: expected …}. */
    public String describe() {
        StringBuilder text = new StringBuilder(file).append(": ");
        if (group != null) {
            text.append("group \"").append(group).append("\", ");
        }
        if (rule != null) {
            text.append("rule \"").append(rule).append("\", ");
        }
        return text.append("line ").append(line).append(", column ").append(column).append(": ").append(message).toString();
    }
}
