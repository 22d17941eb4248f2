package io.tritonlogs.common.logql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loki compiles regular expressions with Go's RE2 syntax, which java.util.regex does not share. This
 * class reads RE2 syntax itself, so it rejects what RE2 rejects (lookaround, backreferences,
 * possessive and nested repetition, unknown escapes, counts above 1000, unbalanced parentheses and
 * brackets) and accepts what RE2 accepts and Java would not ({@code (?P<name>...)}, {@code [[:alpha:]]},
 * {@code \p{Greek}}, {@code (?U)}, a leading {@code ]} in a class). It translates the pattern to an
 * equivalent-enough Java pattern, used only to answer "does it match the empty string?".
 */
public final class Re2 {

    /** RE2's limit on {@code {n,m}} counts. */
    private static final int MAX_REPEAT = 1000;

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private static final Set<Character> CLASS_ESCAPES = Set.of('d', 'D', 's', 'S', 'w', 'W');
    private static final String METACHARACTERS = "\\.+*?()|[]{}^$";

    private Re2() {
    }

    /** A regular expression RE2 would reject, with the index of the fault in the pattern. */
    public static final class SyntaxError extends Exception {
        private final int index;

        SyntaxError(String message, int index) {
            super(message, null, false, false);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    /** A checked pattern: its capture group names (null for unnamed groups) and a Java translation. */
    public record Checked(List<String> groupNames, Pattern javaPattern) {

        /** Whether the whole empty string matches, as Prometheus' anchored label matchers test it. Null if unknown. */
        public Boolean matchesEmpty() {
            return javaPattern == null ? null : javaPattern.matcher("").matches();
        }
    }

    /** Escapes {@code literal} so that, as an RE2 pattern, it matches exactly that text. */
    public static String quote(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (METACHARACTERS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Checks {@code regex} against RE2's syntax. */
    public static Checked check(String regex) throws SyntaxError {
        Reader reader = new Reader(regex);
        String java = reader.read();
        Pattern pattern;
        try {
            pattern = Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            // Our translation fell short on something RE2 accepted: trust RE2's verdict.
            pattern = null;
        }
        return new Checked(Collections.unmodifiableList(reader.names), pattern);
    }

    private static final class Reader {
        private final String re;
        private final StringBuilder out = new StringBuilder();
        private final List<String> names = new ArrayList<>();
        private int pos;

        Reader(String re) {
            this.re = re;
        }

        String read() throws SyntaxError {
            Deque<Integer> open = new ArrayDeque<>();
            boolean canRepeat = false;
            boolean lastWasRepeat = false;
            while (pos < re.length()) {
                char c = re.charAt(pos);
                int at = pos;
                switch (c) {
                    case '\\' -> {
                        escape(false);
                        canRepeat = true;
                        lastWasRepeat = false;
                    }
                    case '[' -> {
                        characterClass();
                        canRepeat = true;
                        lastWasRepeat = false;
                    }
                    case '(' -> {
                        boolean capturesOrGroups = group();
                        if (capturesOrGroups) {
                            open.push(at);
                            canRepeat = false;
                        } else {
                            canRepeat = false;
                        }
                        lastWasRepeat = false;
                    }
                    case ')' -> {
                        if (open.isEmpty()) {
                            throw new SyntaxError("unexpected ) with no ( to close", at);
                        }
                        open.pop();
                        out.append(')');
                        pos++;
                        canRepeat = true;
                        lastWasRepeat = false;
                    }
                    case '*', '+', '?' -> {
                        repeatCheck(canRepeat, lastWasRepeat, at, String.valueOf(c));
                        out.append(c);
                        pos++;
                        lazySuffix();
                        lastWasRepeat = true;
                    }
                    case '{' -> {
                        int end = repeatCount();
                        if (end < 0) {
                            out.append("\\{");
                            pos++;
                            canRepeat = true;
                            lastWasRepeat = false;
                        } else {
                            repeatCheck(canRepeat, lastWasRepeat, at, re.substring(at, end));
                            out.append(re, at, end);
                            pos = end;
                            lazySuffix();
                            lastWasRepeat = true;
                        }
                    }
                    case '|' -> {
                        out.append('|');
                        pos++;
                        canRepeat = false;
                        lastWasRepeat = false;
                    }
                    case '^', '$' -> {
                        // Go's $ without (?m) is the end of text; wrapping lets Java repeat it as Go does.
                        out.append(c == '^' ? "(?:^)" : "(?:\\z)");
                        pos++;
                        canRepeat = true;
                        lastWasRepeat = false;
                    }
                    case ']', '}' -> {
                        out.append('\\').append(c);
                        pos++;
                        canRepeat = true;
                        lastWasRepeat = false;
                    }
                    default -> {
                        int cp = re.codePointAt(pos);
                        out.appendCodePoint(cp);
                        pos += Character.charCount(cp);
                        canRepeat = true;
                        lastWasRepeat = false;
                    }
                }
            }
            if (!open.isEmpty()) {
                throw new SyntaxError("missing ) to close the ( at this position", open.peek());
            }
            return out.toString();
        }

        private void repeatCheck(boolean canRepeat, boolean lastWasRepeat, int at, String operator) throws SyntaxError {
            if (lastWasRepeat) {
                throw new SyntaxError("invalid nested repetition operator " + operator, at);
            }
            if (!canRepeat) {
                throw new SyntaxError("missing argument to repetition operator " + operator, at);
            }
        }

        private void lazySuffix() {
            if (pos < re.length() && re.charAt(pos) == '?') {
                out.append('?');
                pos++;
            }
        }

        /** The end of a valid {@code {n}}, {@code {n,}} or {@code {n,m}} at pos, or -1 if it is a literal brace. */
        private int repeatCount() throws SyntaxError {
            int i = pos + 1;
            int minStart = i;
            while (i < re.length() && Character.isDigit(re.charAt(i)) && re.charAt(i) < 128) {
                i++;
            }
            if (i == minStart || i >= re.length()) {
                return -1;
            }
            String min = re.substring(minStart, i);
            String max = min;
            if (re.charAt(i) == ',') {
                i++;
                int maxStart = i;
                while (i < re.length() && re.charAt(i) >= '0' && re.charAt(i) <= '9') {
                    i++;
                }
                max = i == maxStart ? null : re.substring(maxStart, i);
            }
            if (i >= re.length() || re.charAt(i) != '}') {
                return -1;
            }
            long lo = count(min);
            long hi = max == null ? -1 : count(max);
            if (lo > MAX_REPEAT || hi > MAX_REPEAT || (hi >= 0 && hi < lo)) {
                throw new SyntaxError("invalid repeat count " + re.substring(pos, i + 1) + " (RE2 allows 0 to 1000)", pos);
            }
            return i + 1;
        }

        private static long count(String digits) {
            return digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
        }

        /** Reads a group opening at pos; true when it opens a group that a ) must close. */
        private boolean group() throws SyntaxError {
            int at = pos;
            if (!re.startsWith("(?", pos)) {
                out.append('(');
                pos++;
                names.add(null);
                return true;
            }
            if (re.startsWith("(?P<", pos) || (re.startsWith("(?<", pos) && !re.startsWith("(?<=", pos) && !re.startsWith("(?<!", pos))) {
                int nameStart = re.indexOf('<', pos) + 1;
                int nameEnd = re.indexOf('>', nameStart);
                if (nameEnd < 0) {
                    throw new SyntaxError("invalid named capture: missing >", at);
                }
                String name = re.substring(nameStart, nameEnd);
                if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || (ch < 128 && Character.isLetterOrDigit(ch)))) {
                    throw new SyntaxError("invalid named capture name '" + name + "'", at);
                }
                if (names.contains(name)) {
                    throw new SyntaxError("duplicate capture group name '" + name + "'", at);
                }
                names.add(name);
                out.append('(');
                pos = nameEnd + 1;
                return true;
            }
            int i = pos + 2;
            StringBuilder flags = new StringBuilder();
            boolean negated = false;
            boolean sawFlag = false;
            while (i < re.length()) {
                char f = re.charAt(i);
                if (f == 'i' || f == 'm' || f == 's' || f == 'U') {
                    if (f != 'U') {
                        flags.append(f);
                    }
                    sawFlag = true;
                    i++;
                } else if (f == '-' && !negated) {
                    negated = true;
                    sawFlag = false;
                    flags.append('-');
                    i++;
                } else if (f == ':' || f == ')') {
                    if ((negated && !sawFlag) || (!negated && !sawFlag && f == ')')) {
                        throw new SyntaxError("missing flag in " + re.substring(at, i + 1), at);
                    }
                    String javaFlags = flags.toString();
                    if (javaFlags.endsWith("-")) {
                        javaFlags = javaFlags.substring(0, javaFlags.length() - 1);
                    }
                    pos = i + 1;
                    if (f == ':') {
                        out.append(javaFlags.isEmpty() ? "(?:" : "(?" + javaFlags + ":");
                        return true;
                    }
                    if (!javaFlags.isEmpty()) {
                        out.append("(?").append(javaFlags).append(')');
                    }
                    return false;
                } else {
                    break;
                }
            }
            throw new SyntaxError("unsupported group syntax " + re.substring(at, Math.min(re.length(), i + 1))
                    + " (Loki's RE2 has no lookahead, lookbehind, atomic groups or comments)", at);
        }

        /** Reads an escape at pos; inside a class only single characters and class escapes are allowed. */
        private void escape(boolean inClass) throws SyntaxError {
            int at = pos;
            if (pos + 1 >= re.length()) {
                throw new SyntaxError("trailing backslash at the end of the expression", at);
            }
            char e = re.charAt(pos + 1);
            pos += 2;
            if (e < 128 && !Character.isLetterOrDigit(e)) {
                out.append('\\').append(e);
                return;
            }
            switch (e) {
                case 'a' -> out.append("\\x{7}");
                case 'f' -> out.append("\\f");
                case 't' -> out.append("\\t");
                case 'n' -> out.append("\\n");
                case 'r' -> out.append("\\r");
                case 'v' -> out.append("\\x{b}");
                case 'd', 'D', 's', 'S', 'w', 'W' -> out.append('\\').append(e);
                case 'b', 'B', 'A', 'z' -> {
                    if (inClass) {
                        throw new SyntaxError("invalid escape \\" + e + " inside a character class", at);
                    }
                    out.append('\\').append(e);
                }
                case 'C' -> out.append(inClass ? "\\x{0}-\\x{10FFFF}" : "(?s:.)");
                case 'Q' -> {
                    int end = re.indexOf("\\E", pos);
                    String literal = end < 0 ? re.substring(pos) : re.substring(pos, end);
                    pos = end < 0 ? re.length() : end + 2;
                    for (int k = 0; k < literal.length(); k++) {
                        appendLiteral(literal.charAt(k));
                    }
                }
                case 'x' -> hexEscape(at);
                case 'p', 'P' -> unicodeClass(at, e == 'P');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int start = pos - 1;
                    int end = start + 1;
                    while (end < re.length() && end < start + 3 && re.charAt(end) >= '0' && re.charAt(end) <= '7') {
                        end++;
                    }
                    if (e != '0' && end == start + 1) {
                        throw new SyntaxError("invalid escape \\" + e + " (RE2 has no backreferences)", at);
                    }
                    pos = end;
                    out.append("\\x{").append(Integer.toHexString(Integer.parseInt(re.substring(start, end), 8))).append('}');
                }
                default -> throw new SyntaxError("invalid escape \\" + e + " (RE2 does not know it)", at);
            }
        }

        private void appendLiteral(char c) {
            if (Character.isLetterOrDigit(c) || c > 127 || c == ' ') {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }

        private void hexEscape(int at) throws SyntaxError {
            if (pos < re.length() && re.charAt(pos) == '{') {
                int end = re.indexOf('}', pos);
                String digits = end < 0 ? "" : re.substring(pos + 1, end);
                if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 128)
                        || Long.parseLong(digits, 16) > Character.MAX_CODE_POINT) {
                    throw new SyntaxError("invalid escape \\x{" + digits + "}", at);
                }
                out.append("\\x{").append(digits).append('}');
                pos = end + 1;
                return;
            }
            if (pos + 2 > re.length() || Character.digit(re.charAt(pos), 16) < 0 || Character.digit(re.charAt(pos + 1), 16) < 0
                    || re.charAt(pos) > 127 || re.charAt(pos + 1) > 127) {
                throw new SyntaxError("invalid escape \\x: two hexadecimal digits must follow", at);
            }
            out.append("\\x").append(re, pos, pos + 2);
            pos += 2;
        }

        private void unicodeClass(int at, boolean negated) throws SyntaxError {
            String name;
            if (pos < re.length() && re.charAt(pos) == '{') {
                int end = re.indexOf('}', pos);
                if (end < 0) {
                    throw new SyntaxError("invalid character class range: missing }", at);
                }
                name = re.substring(pos + 1, end);
                pos = end + 1;
            } else if (pos < re.length()) {
                name = String.valueOf(re.charAt(pos));
                pos++;
            } else {
                throw new SyntaxError("invalid character class range", at);
            }
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String javaName = name.equals("Any") ? null : javaUnicodeName(name);
            if (javaName == null && !name.equals("Any")) {
                throw new SyntaxError("invalid character class range \\p{" + name + "}", at);
            }
            if (name.equals("Any")) {
                out.append(negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]");
            } else {
                out.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
            }
        }

        /** The Java name for an RE2 Unicode category or script, or null if there is none. */
        private static String javaUnicodeName(String name) {
            if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || (ch < 128 && Character.isLetter(ch)))) {
                return null;
            }
            for (String candidate : new String[] {name, "Is" + name}) {
                try {
                    Pattern.compile("\\p{" + candidate + "}");
                    return candidate;
                } catch (PatternSyntaxException e) {
                    // try the next spelling
                }
            }
            return null;
        }

        private void characterClass() throws SyntaxError {
            int at = pos;
            pos++;
            out.append('[');
            if (pos < re.length() && re.charAt(pos) == '^') {
                out.append('^');
                pos++;
            }
            boolean first = true;
            boolean any = false;
            while (true) {
                if (pos >= re.length()) {
                    throw new SyntaxError("missing ] to close the character class", at);
                }
                char c = re.charAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[' && re.startsWith("[:", pos)) {
                    int end = re.indexOf(":]", pos + 2);
                    if (end > 0) {
                        String name = re.substring(pos + 2, end);
                        boolean negated = name.startsWith("^");
                        String posix = POSIX_CLASSES.get(negated ? name.substring(1) : name);
                        if (posix == null) {
                            throw new SyntaxError("invalid character class range [:" + name + ":]", pos);
                        }
                        out.append(negated ? "[^" + posix + "]" : posix);
                        pos = end + 2;
                        any = true;
                        continue;
                    }
                }
                int lo = classAtom();
                if (lo >= 0 && pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    int dash = pos;
                    out.append('-');
                    pos++;
                    int hi = classAtom();
                    if (hi < 0 || hi < lo) {
                        throw new SyntaxError("invalid character class range " + re.substring(dash - 1, pos), dash);
                    }
                }
                any = true;
            }
            if (!any) {
                throw new SyntaxError("missing ] to close the character class", at);
            }
            out.append(']');
        }

        /** One class member at pos; its code point, or -1 for a class escape like \d. */
        private int classAtom() throws SyntaxError {
            char c = re.charAt(pos);
            if (c == '\\') {
                if (pos + 1 < re.length() && (CLASS_ESCAPES.contains(re.charAt(pos + 1)) || re.charAt(pos + 1) == 'p' || re.charAt(pos + 1) == 'P')) {
                    escape(true);
                    return -1;
                }
                int before = out.length();
                int at = pos;
                escape(true);
                String written = out.substring(before);
                return escapedCodePoint(written, re.charAt(at + 1));
            }
            int cp = re.codePointAt(pos);
            pos += Character.charCount(cp);
            if (cp == '[' || cp == '&' || cp == '-' || cp == '^' || cp == ']') {
                out.append('\\');
            }
            out.appendCodePoint(cp);
            return cp;
        }

        private static int escapedCodePoint(String written, char escapeLetter) {
            if (written.startsWith("\\x{")) {
                return Integer.parseInt(written.substring(3, written.length() - 1), 16);
            }
            if (written.startsWith("\\x")) {
                return Integer.parseInt(written.substring(2), 16);
            }
            return switch (escapeLetter) {
                case 'f' -> '\f';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> written.length() == 2 ? written.charAt(1) : -1;
            };
        }
    }
}
