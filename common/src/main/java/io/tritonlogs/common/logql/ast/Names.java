package io.tritonlogs.common.logql.ast;

import java.util.Locale;
import java.util.Set;

/**
 * What may stand where LogQL expects a label name: an identifier (letters, digits, {@code _}, not
 * starting with a digit) that is not one of Loki's reserved words. Loki's lexer turns reserved words
 * into keywords wherever they appear, so {@code {json="x"}} cannot be parsed; rejecting such names
 * when a node is built keeps every AST printable.
 */
public final class Names {

    /** Words Loki's lexer always reads as keywords, in any letter case. */
    public static final Set<String> RESERVED = Set.of(
            "by", "without", "bool", "on", "ignoring", "group_left", "group_right", "offset",
            "or", "and", "unless", "json", "logfmt", "regexp", "unpack", "pattern",
            "line_format", "label_format", "decolorize", "drop", "keep", "unwrap");

    private Names() {
    }

    public static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = cp == '_' || Character.isLetter(cp) || (i > 0 && Character.isDigit(cp));
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    public static boolean isLabelName(String name) {
        return isIdentifier(name) && !isReserved(name);
    }

    public static String requireLabelName(String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("invalid label name '" + name + "': use letters, digits and _, not starting with a digit");
        }
        if (isReserved(name)) {
            throw new IllegalArgumentException("'" + name + "' is a LogQL keyword and cannot be used as a label name");
        }
        return name;
    }
}
