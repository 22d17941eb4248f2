package io.tritonlogs.common.redact;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An extra, user-configured redaction, applied after the built-in ones: every match of
 * {@code pattern} — the whole match, as {@link java.util.regex.Matcher#replaceAll(String)} does —
 * becomes {@code replacement}, in which {@code $1} or {@code ${name}} bring back a group and
 * {@code \$} is a dollar sign.
 *
 * <p>Because the whole match is replaced, the guide's Promtail trap cannot happen here: with the
 * pattern {@code (password|token|key)=\S+} and the replacement {@code $1=***REDACTED***},
 * {@code password=hunter2} becomes {@code password=***REDACTED***} (Promtail's {@code replace}
 * stage replaces only the captured group and leaves {@code =hunter2} behind). What stays is what
 * the replacement names: the pattern must match the secret itself, and the replacement must only
 * refer to groups that hold no secret.
 */
public record RedactionRule(String name, Pattern pattern, String replacement) {

    public RedactionRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a redaction rule needs a name");
        }
        if (pattern == null || replacement == null) {
            throw new IllegalArgumentException("redaction rule '" + name + "' needs a pattern and a replacement");
        }
    }

    /**
     * Compiles {@code regex} once and checks {@code replacement} against it, so a rule that would
     * fail on the first matching line fails here instead, with a sentence naming the rule and the fault.
     *
     * @throws IllegalArgumentException when the regex does not compile, matches the empty string, or
     *                                  the replacement refers to a group the regex does not have
     */
    public static RedactionRule of(String name, String regex, String replacement) {
        if (regex == null || regex.isEmpty()) {
            throw new IllegalArgumentException("redaction rule '" + name + "': the pattern is empty");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("redaction rule '" + name + "': invalid regular expression: "
                    + e.getDescription() + " at index " + e.getIndex() + " of " + regex, e);
        }
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("redaction rule '" + name + "': the regular expression " + regex
                    + " matches the empty string, so it would insert the replacement between every two characters");
        }
        checkReplacement(name, pattern, replacement == null ? "" : replacement);
        return new RedactionRule(name, pattern, replacement);
    }

    /** The checks {@link java.util.regex.Matcher#appendReplacement} makes on each match, made once up front. */
    private static void checkReplacement(String name, Pattern pattern, String replacement) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (++i >= replacement.length()) {
                    throw replacementFault(name, replacement, "it ends with a lone backslash (write \\\\ for a backslash)");
                }
            } else if (c == '$') {
                if (++i >= replacement.length()) {
                    throw replacementFault(name, replacement, "it ends with a lone $ (write \\$ for a dollar sign)");
                }
                char next = replacement.charAt(i);
                if (next == '{') {
                    int close = replacement.indexOf('}', i);
                    String group = close < 0 ? "" : replacement.substring(i + 1, close);
                    if (close < 0 || !group.matches("[A-Za-z][A-Za-z0-9]*")) {
                        throw replacementFault(name, replacement, "${ at index " + (i - 1) + " is not a group name in braces, like ${user}");
                    }
                    if (!pattern.pattern().contains("(?<" + group + ">")) {
                        throw replacementFault(name, replacement, "it refers to ${" + group + "}, but the pattern has no group named " + group);
                    }
                    i = close;
                } else if (next >= '0' && next <= '9') {
                    if (next - '0' > groups) {
                        throw replacementFault(name, replacement, "it refers to $" + next + ", but the pattern has "
                                + (groups == 0 ? "no groups" : groups == 1 ? "only 1 group" : "only " + groups + " groups"));
                    }
                } else {
                    throw replacementFault(name, replacement, "$ at index " + (i - 1)
                            + " is followed by neither a group number nor {name} (write \\$ for a dollar sign)");
                }
            }
        }
    }

    private static IllegalArgumentException replacementFault(String name, String replacement, String fault) {
        return new IllegalArgumentException("redaction rule '" + name + "': invalid replacement " + replacement + ": " + fault);
    }
}
