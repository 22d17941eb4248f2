package io.tritonlogs.common.logql;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks Loki makes on the text inside some stages: {@code pattern} expressions, {@code ip()}
 * patterns and Go templates. Each returns null when the text is fine, else a {@link Fault} whose
 * index is relative to the value.
 */
final class StageChecks {

    record Fault(String message, int index) {
    }

    private StageChecks() {
    }

    /**
     * A {@code pattern} expression: literals and captures {@code <name>} or {@code <_>}. The parser
     * needs at least one named capture; two captures may not touch; a name may not repeat.
     */
    static Fault pattern(String pattern, boolean lineFilter) {
        Set<String> names = new HashSet<>();
        int named = 0;
        int previousCaptureEnd = -1;
        for (int i = 0; i < pattern.length(); ) {
            int end = captureEnd(pattern, i);
            if (end < 0) {
                i++;
                continue;
            }
            String name = pattern.substring(i + 1, end - 1);
            if (previousCaptureEnd == i) {
                return new Fault("two captures follow each other with no literal text between them", i);
            }
            if (!name.equals("_")) {
                if (!names.add(name)) {
                    return new Fault("capture <" + name + "> appears twice", i);
                }
                named++;
            }
            previousCaptureEnd = end;
            i = end;
        }
        if (!lineFilter && named == 0) {
            return new Fault("a pattern needs at least one named capture such as <status>", 0);
        }
        return null;
    }

    /** The end of a capture {@code <identifier>} starting at {@code at}, or -1. */
    private static int captureEnd(String pattern, int at) {
        if (pattern.charAt(at) != '<' || at + 2 >= pattern.length()) {
            return -1;
        }
        int i = at + 1;
        char first = pattern.charAt(i);
        if (!(first == '_' || isAsciiLetter(first))) {
            return -1;
        }
        while (i < pattern.length() && (pattern.charAt(i) == '_' || isAsciiLetter(pattern.charAt(i)) || Character.isDigit(pattern.charAt(i)) && pattern.charAt(i) < 128)) {
            i++;
        }
        return i < pattern.length() && pattern.charAt(i) == '>' ? i + 1 : -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** An {@code ip()} argument: an address, a CIDR block {@code a/n} or a range {@code a-b}. */
    static Fault ip(String pattern) {
        String trimmed = pattern.trim();
        int slash = trimmed.indexOf('/');
        int dash = trimmed.indexOf('-');
        boolean ok;
        if (slash >= 0) {
            String address = trimmed.substring(0, slash);
            String bits = trimmed.substring(slash + 1);
            int max = isIpv4(address) ? 32 : isIpv6(address) ? 128 : -1;
            ok = max > 0 && bits.matches("[0-9]{1,3}") && Integer.parseInt(bits) <= max;
        } else if (dash >= 0) {
            String from = trimmed.substring(0, dash).trim();
            String to = trimmed.substring(dash + 1).trim();
            ok = (isIpv4(from) && isIpv4(to)) || (isIpv6(from) && isIpv6(to));
        } else {
            ok = isIpv4(trimmed) || isIpv6(trimmed);
        }
        return ok ? null : new Fault("ip() needs an IP address, a CIDR block like 127.0.0.0/8 or a range like 127.0.0.1-127.0.0.9", 0);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && group.contains(".")) {
                if (!isIpv4(group)) {
                    return false;
                }
                count += 2;
            } else if (group.matches("[0-9a-fA-F]{1,4}")) {
                count++;
            } else {
                return false;
            }
        }
        if (doubleColon >= 0) {
            return count < 8 && text.length() >= 2;
        }
        boolean noEmptyGroups = !text.startsWith(":") && !text.endsWith(":") && !text.contains("::");
        return count == 8 && noEmptyGroups;
    }

    /** A Go template ({@code line_format}, {@code label_format}): every {@code {{} must be closed. */
    static Fault template(String template) {
        int i = 0;
        while (true) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                return null;
            }
            int j = open + 2;
            char quote = 0;
            boolean closed = false;
            while (j < template.length()) {
                char c = template.charAt(j);
                if (quote != 0) {
                    if (c == '\\' && quote != '`') {
                        j += 2;
                        continue;
                    }
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '`' || c == '\'') {
                    quote = c;
                } else if (template.startsWith("}}", j)) {
                    closed = true;
                    break;
                }
                j++;
            }
            if (!closed) {
                return new Fault("template action {{ is never closed with }}", open);
            }
            if (template.substring(open + 2, j).replace("-", "").isBlank()) {
                return new Fault("template action {{}} is empty", open);
            }
            i = j + 2;
        }
    }
}
