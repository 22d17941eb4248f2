package io.tritonlogs.alert.rules;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Prometheus alert templating that rule annotations use here:
 * {@code {{ $labels.name }}}, {@code {{ $value }}} and {@code {{ humanize $value }}}. Anything else
 * between {@code {{ }}} is refused when the rule file is loaded, never at evaluation time.
 */
public final class Templates {

    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
    private static final Pattern LABEL = Pattern.compile("\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)");

    private Templates() {
    }

    /** The offset (0-based) and reason of the first unsupported action, or null when {@code template} is fine. */
    public static Fault check(String template) {
        Matcher m = ACTION.matcher(template);
        int searched = 0;
        while (m.find()) {
            String action = m.group(1);
            if (!action.equals("$value") && !action.equals("humanize $value") && !LABEL.matcher(action).matches()) {
                return new Fault(m.start(), "unsupported template action \"{{ " + action
                        + " }}\": use {{ $labels.<name> }}, {{ $value }} or {{ humanize $value }}");
            }
            searched = m.end();
        }
        int open = template.indexOf("{{", searched);
        return open >= 0 ? new Fault(open, "template action \"{{\" is not closed") : null;
    }

    public static String render(String template, Map<String, String> labels, double value) {
        Matcher m = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String action = m.group(1);
            String replacement;
            if (action.equals("$value")) {
                replacement = formatValue(value);
            } else if (action.equals("humanize $value")) {
                replacement = humanize(value);
            } else {
                Matcher label = LABEL.matcher(action);
                replacement = label.matches() ? labels.getOrDefault(label.group(1), "") : m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** As Go prints a float64: {@code 12}, {@code 1.5}, {@code NaN}, {@code +Inf}. */
    public static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Four significant digits, like Prometheus' {@code humanize} for values below 1000. */
    public static String humanize(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return formatValue(value);
        }
        String[] prefixes = {"", "k", "M", "G", "T", "P"};
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
            v /= 1000;
            i++;
        }
        return new BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() + prefixes[i];
    }

    public record Fault(int offset, String reason) {
    }
}
