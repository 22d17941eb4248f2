package io.tritonlogs.common.redact;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An extra, user-configured redaction: every match of {@code pattern} becomes {@code replacement}
 * ({@code $1}-style group references allowed).
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

    /** Compiles {@code regex}, naming the rule in the error if it does not compile. */
    public static RedactionRule of(String name, String regex, String replacement) {
        try {
            return new RedactionRule(name, Pattern.compile(regex), replacement);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("redaction rule '" + name + "': invalid regular expression: "
                    + e.getDescription() + " at index " + e.getIndex() + " of " + regex, e);
        }
    }
}
