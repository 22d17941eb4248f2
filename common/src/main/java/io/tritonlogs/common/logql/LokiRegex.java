package io.tritonlogs.common.logql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The regular expressions of a LogQL query, compiled as Loki compiles them: with re2j, a port of
 * Go's regexp. Added here: where in the pattern a fault lies (re2j, like Go, names the offending
 * fragment but gives no index), a message that says what RE2 lacks, and the few rules where re2j
 * 1.8 and Go part ways (see {@link Prepared}), each checked against a real Loki.
 */
public final class LokiRegex {

    /** Go's limit on the copies a repetition, with the repetitions inside it, makes of its innermost operand. */
    private static final int MAX_REPEAT = 1000;
    /** Go's limit on the height of a pattern's syntax tree; it also keeps re2j's recursion off the stack's end. */
    private static final int MAX_HEIGHT = 1000;
    private static final long DEEP_STACK_BYTES = 64L << 20;
    private static final String TOO_DEEP = "the expression nests too deeply (RE2 allows " + MAX_HEIGHT + " levels)";

    // re2j's error descriptions: the texts of Go's regexp/syntax ErrorCode.
    private static final String MISSING_PAREN = "missing closing )";
    private static final String MISSING_BRACKET = "missing closing ]";
    private static final String TRAILING_BACKSLASH = "trailing backslash at end of expression";
    private static final String INVALID_ESCAPE = "invalid escape sequence";
    private static final String INVALID_PERL_OP = "invalid or unsupported Perl syntax";
    private static final String INVALID_NAMED_CAPTURE = "invalid named capture";
    private static final String DUPLICATE_NAME = "duplicate capture group name";
    private static final String INVALID_REPEAT_SIZE = "invalid repeat count";
    private static final String INVALID_REPEAT_OP = "invalid nested repetition operator";
    private static final String INVALID_CHAR_RANGE = "invalid character class range";
    /** re2j 1.8 reports an unmatched ) as this internal error; Go says "unexpected )". */
    private static final String INTERNAL_ERROR = "regexp/syntax: internal error";

    private LokiRegex() {
    }

    /** A regular expression Loki would refuse, with the index of the fault in the pattern. */
    public static final class Fault extends Exception {
        private final int index;

        Fault(String message, int index) {
            super(message, null, false, false);
            this.index = index;
        }

        /** Where in the pattern the fault lies, 0-based. */
        public int index() {
            return index;
        }
    }

    /** Compiles {@code regex} as Loki compiles a matcher's or filter's regex, or says where and why Loki would refuse it. */
    public static Pattern compile(String regex) throws Fault {
        return compile(regex, false);
    }

    /**
     * Compiles the regex of a {@code | regexp} stage, whose named captures become labels: unlike the
     * other regexes (Go allows a name twice), Loki refuses a name used twice there.
     */
    public static Pattern compileWithUniqueNames(String regex) throws Fault {
        return compile(regex, true);
    }

    private static Pattern compile(String regex, boolean uniqueNames) throws Fault {
        Prepared prepared = Prepared.of(regex, uniqueNames);
        try {
            Pattern pattern = re2j(prepared.text());
            if (prepared.fault() == null) {
                return pattern;
            }
        } catch (PatternSyntaxException e) {
            // Go reads left to right: a fault before the one only this class sees is the one it reports.
            // The text before that fault may just lack a ) or ] that comes after it.
            String cause = e.getDescription();
            if (prepared.fault() == null || !(cause.equals(MISSING_PAREN) || cause.equals(MISSING_BRACKET))) {
                throw fault(prepared, e);
            }
        }
        throw prepared.fault();
    }

    /**
     * Whether {@code regex} matches the whole empty string, as Loki's label matchers (anchored) test
     * a stream without the label; null if Loki would refuse the regex.
     */
    public static Boolean matchesEmpty(String regex) {
        try {
            return compile(regex).matches("");
        } catch (Fault e) {
            return null;
        }
    }

    /**
     * re2j recurses once per level of the pattern with its counted repetitions written out, so
     * {@code ((...[a-z]{0,1000}...))}, which Go accepts, can overflow a thread's stack. Such a
     * pattern is compiled again on a thread with room for it; its depth is bounded by
     * {@link #MAX_HEIGHT} and {@link #MAX_REPEAT}.
     */
    private static Pattern re2j(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (StackOverflowError e) {
            Object[] result = new Object[1];
            Thread thread = new Thread(null, () -> {
                try {
                    result[0] = Pattern.compile(regex);
                } catch (RuntimeException | StackOverflowError failure) {
                    result[0] = failure;
                }
            }, "logql-regex", DEEP_STACK_BYTES);
            thread.start();
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException ie) {
                    interrupted = true; // the compilation is short: finish it, then restore the flag
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (result[0] instanceof Pattern pattern) {
                return pattern;
            }
            if (result[0] instanceof RuntimeException failure) {
                throw failure;
            }
            throw new PatternSyntaxException(TOO_DEEP);
        }
    }

    private static PatternSyntaxException syntaxError(String regex) {
        try {
            re2j(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e;
        }
    }

    private static String description(String regex) {
        PatternSyntaxException e = syntaxError(regex);
        return e == null ? null : e.getDescription();
    }

    private static Fault fault(Prepared prepared, PatternSyntaxException e) {
        String description = e.getDescription();
        String fragment = e.getPattern();
        if (description.equals(INTERNAL_ERROR) && fragment.equals("stack underflow")) {
            return new Fault("unexpected ) with no ( to close", Math.max(0, prepared.unexpected()));
        }
        if (description.equals(MISSING_PAREN)) {
            // Go names the whole pattern; the ( left open is more use.
            return new Fault(describe(description, fragment), Math.max(0, prepared.unclosed()));
        }
        return new Fault(describe(description, fragment), prepared.original(locate(prepared.text(), description, fragment)));
    }

    /** Go's wording, with what RE2 lacks spelled out where a Perl or Java habit is the likely cause. */
    private static String describe(String description, String fragment) {
        return switch (description) {
            case MISSING_PAREN -> "missing ) to close the ( at this position";
            case MISSING_BRACKET -> "missing ] to close the character class";
            case TRAILING_BACKSLASH -> "trailing backslash at the end of the expression";
            case INVALID_ESCAPE -> "invalid escape " + fragment
                    + (fragment.matches("\\\\[1-9]") ? " (RE2 has no backreferences)" : " (RE2 does not know it here)");
            case INVALID_PERL_OP -> unsupportedGroup(fragment);
            case INVALID_NAMED_CAPTURE -> fragment.startsWith("(?<=") || fragment.startsWith("(?<!")
                    ? unsupportedGroup(fragment.substring(0, 4))
                    : "invalid named capture " + fragment;
            case DUPLICATE_NAME -> "duplicate capture group name '" + fragment + "'";
            case INVALID_REPEAT_SIZE -> "invalid repeat count " + fragment + " (RE2 allows 0 to " + MAX_REPEAT
                    + " copies, counting the repetitions nested inside)";
            default -> fragment.isEmpty() ? description : description + " " + fragment;
        };
    }

    private static String unsupportedGroup(String fragment) {
        return "unsupported group syntax " + fragment
                + " (Loki's RE2 has no lookahead, lookbehind, atomic groups, comments or flags other than imsU)";
    }

    // ---------------------------------------------------------------- where the fault lies

    /** The index of the fault that re2j described by {@code description} and {@code fragment}. */
    private static int locate(String regex, String description, String fragment) {
        switch (description) {
            case TRAILING_BACKSLASH:
                return Math.max(0, regex.length() - 1);
            case MISSING_BRACKET:
                // The fragment runs from the unclosed [ to the end.
                if (regex.endsWith(fragment)) {
                    return regex.length() - fragment.length();
                }
                break;
            default:
                break;
        }
        int at = occurrence(regex, description, fragment);
        if (description.equals(INVALID_REPEAT_OP)) {
            // The fragment spans both operators ("**", "{2}{3}"); point at the second.
            return at + repeatOperatorLength(fragment);
        }
        if (description.equals(INVALID_CHAR_RANGE)) {
            // "z-a": point at the dash, unless it is an unknown [:name:] or \p{Name}.
            return at + rangeDash(fragment);
        }
        return at;
    }

    /**
     * The occurrence of {@code fragment} re2j stopped at. re2j reads left to right, and once it has
     * met the fault every longer prefix fails the same way, so a binary search finds the first
     * occurrence where the pattern up to the fragment's end fails like the whole. That can be the
     * start of a longer valid token ({@code \p} of {@code \pL}, {@code (?} of {@code (?i)}), so it must
     * also be the one whose blanking (see {@link #faultAt}) changes the error.
     */
    private static int occurrence(String regex, String description, String fragment) {
        List<Integer> starts = new ArrayList<>();
        for (int at = fragment.isEmpty() ? -1 : regex.indexOf(fragment); at >= 0; at = regex.indexOf(fragment, at + 1)) {
            starts.add(at);
        }
        if (starts.isEmpty()) {
            return 0;
        }
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (description.equals(description(regex.substring(0, starts.get(mid) + fragment.length())))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for (int k = lo; k < Math.min(starts.size(), lo + 64); k++) {
            if (faultAt(regex, starts.get(k), description, fragment)) {
                return starts.get(k);
            }
        }
        return starts.get(lo);
    }

    /** Whether blanking {@code fragment} at {@code at} (keeping its parentheses and brackets) changes re2j's error. */
    private static boolean faultAt(String regex, int at, String description, String fragment) {
        StringBuilder blanked = new StringBuilder(regex.length()).append(regex, 0, at);
        for (int k = 0; k < fragment.length(); k++) {
            char c = fragment.charAt(k);
            blanked.append("()[]".indexOf(c) >= 0 ? c : 'x');
        }
        blanked.append(regex, at + fragment.length(), regex.length());
        PatternSyntaxException e = syntaxError(blanked.toString());
        return e == null || !e.getDescription().equals(description) || !e.getPattern().equals(fragment);
    }

    /** The length of the first of two stacked repetition operators, with its lazy ?. */
    private static int repeatOperatorLength(String fragment) {
        int length = fragment.startsWith("{") ? fragment.indexOf('}') + 1 : 1;
        if (length > 0 && length < fragment.length() && fragment.charAt(length) == '?' && length + 1 < fragment.length()) {
            length++;
        }
        return length > 0 && length < fragment.length() ? length : 0;
    }

    /** The index of the dash in a reversed range {@code lo-hi}: the first after a lone class member. */
    private static int rangeDash(String fragment) {
        if (fragment.startsWith("[:") || fragment.startsWith("\\p") || fragment.startsWith("\\P")) {
            return 0;
        }
        for (int d = fragment.indexOf('-', 1); d > 0; d = fragment.indexOf('-', d + 1)) {
            if (syntaxError("[x" + fragment.substring(0, d) + "]") == null) {
                return d;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- where Go and re2j 1.8 differ

    /**
     * The pattern as re2j should see it, read once for what Go and re2j 1.8 disagree on:
     * <ul>
     * <li>re2j takes a literal { (one that starts no count) followed by *, + or ? for stacked
     * repetition operators ({@code a{+}); Go repeats the brace. Such braces are escaped.</li>
     * <li>re2j refuses a capture name used twice; Go allows it. Later groups of that name lose it.</li>
     * <li>Go refuses a repetition whose count, times the counts of the repetitions nested in its
     * operand, passes 1000 ({@code (a{100}){100}}); re2j checks each count alone and would expand
     * such a pattern until memory runs out.</li>
     * <li>Go refuses an escaped non-ASCII character ({@code \é}); re2j takes it literally.</li>
     * <li>Go refuses a pattern whose syntax tree is over 1000 levels tall (a close estimate is
     * kept here); re2j has no such limit.</li>
     * </ul>
     * On the first fault only Go sees (or, with {@code uniqueNames}, a repeated name) the reading
     * stops: {@code text} is then the pattern before it. {@code origin} maps an index in {@code text}
     * back to the pattern. {@code unclosed} is the innermost ( left open and {@code unexpected} the
     * first ) with none to close (-1 if none): Go's errors name the whole pattern for those. Anything
     * misread here is a syntax error that re2j then reports.
     */
    private record Prepared(String text, int[] origin, Fault fault, int unclosed, int unexpected) {

        int original(int index) {
            return origin[Math.max(0, Math.min(index, text.length()))];
        }

        static Prepared of(String re, boolean uniqueNames) {
            StringBuilder text = new StringBuilder(re.length() + 8);
            int[] origin = new int[re.length() * 2 + 1];
            Set<String> names = new HashSet<>();
            Deque<Group> open = new ArrayDeque<>();
            Group group = new Group(-1, false);
            int unexpected = -1;
            boolean afterRepeat = false;
            Fault fault = null;
            int i = 0;
            while (i < re.length() && fault == null) {
                char c = re.charAt(i);
                int end = i + 1;
                String replacement = null;
                boolean repeat = false;
                if (c == '\\' || c == '[') {
                    end = c == '[' ? skipClass(re, i) : skipEscape(re, i);
                    int escape = nonAsciiEscape(re, i, end);
                    if (escape >= 0) {
                        String sequence = re.substring(escape, escape + 1 + Character.charCount(re.codePointAt(escape + 1)));
                        fault = new Fault(describe(INVALID_ESCAPE, sequence), escape);
                        end = escape;
                    } else if (!re.startsWith("\\Q\\E", i) && !(re.startsWith("\\Q", i) && end == re.length() && end == i + 2)) {
                        // \Q...\E is a run of literals (\Q\E nothing), \. a literal, [...] or \d a class.
                        boolean literal = c == '\\' && end == i + 2 && re.charAt(i + 1) < 128 && !Character.isLetterOrDigit(re.charAt(i + 1));
                        group.item(re.startsWith("\\Q", i) ? 2 : literal ? 1 : 0);
                    }
                } else if (c == '(' && flagGroupEnd(re, i) < 0) {
                    String name = captureName(re, i);
                    if (name != null && !names.add(name)) {
                        if (uniqueNames) {
                            fault = new Fault(describe(DUPLICATE_NAME, name), i);
                            end = i;
                        } else {
                            end = re.indexOf('>', i) + 1;
                            replacement = "(";
                        }
                    }
                    open.push(group);
                    group = new Group(i, !re.startsWith("(?", i) || name != null);
                } else if (c == ')') {
                    if (open.isEmpty()) {
                        unexpected = unexpected < 0 ? i : unexpected;
                    } else {
                        Group closed = group;
                        group = open.pop();
                        group.item(closed.weight(), closed.height());
                        if (group.lastHeight > MAX_HEIGHT) {
                            fault = new Fault(TOO_DEEP, i);
                            end = i;
                        }
                    }
                } else if (c == '*' || c == '+' || c == '?' || (c == '{' && repeatEnd(re, i) > 0)) {
                    end = c == '{' ? repeatEnd(re, i) : i + 1;
                    if (!afterRepeat) { // a stacked operator is re2j's to report
                        if (c == '{' && group.repeat(counts(re.substring(i + 1, end - 1))) > MAX_REPEAT) {
                            fault = new Fault(describe(INVALID_REPEAT_SIZE, re.substring(i, end)), i);
                            end = i;
                        } else if (group.deepen() > MAX_HEIGHT) {
                            fault = new Fault(TOO_DEEP, i);
                            end = i;
                        }
                    }
                    repeat = true;
                } else if (c == '|') {
                    group.bar();
                } else if (c == '(') {
                    end = flagGroupEnd(re, i); // flags only: no node in Go's tree
                } else {
                    if (c == '{') {
                        replacement = "\\{";
                    }
                    group.item(c == '.' || c == '^' || c == '$' ? 0 : 1);
                }
                afterRepeat = repeat;
                if (replacement != null) {
                    for (int k = 0; k < replacement.length(); k++) {
                        origin[text.length()] = i;
                        text.append(replacement.charAt(k));
                    }
                } else {
                    for (int k = i; k < end; k++) {
                        origin[text.length()] = k;
                        text.append(re.charAt(k));
                    }
                }
                i = end;
            }
            if (fault == null && open.isEmpty() && group.height() > MAX_HEIGHT) {
                fault = new Fault(TOO_DEEP, 0);
            }
            origin[text.length()] = i;
            return new Prepared(text.toString(), origin, fault, open.isEmpty() ? -1 : group.open, unexpected);
        }
    }

    /**
     * An open group as Go's parser would build it: how many copies its repetitions make (see
     * {@link #MAX_REPEAT}) and how tall its tree is (see {@link #MAX_HEIGHT}): a concatenation or
     * alternation of several nodes, a capture and each repetition add a level; adjacent literal
     * characters make one node.
     */
    private static final class Group {
        final int open;
        final boolean capture;
        long settledWeight; // the heaviest item but the last
        long lastWeight; // the last item's weight, which a repetition multiplies; 0 for none
        int settledHeight; // the tallest item of this branch but the last
        int lastHeight;
        int items; // nodes in this branch
        int literals; // literal characters in the last node, if it is a literal string
        int branchesHeight = -1; // the tallest earlier branch; -1 without a |

        Group(int open, boolean capture) {
            this.open = open;
            this.capture = capture;
        }

        /** A new item of weight 1 and height 1: {@code literals} 1 for a character, 2 for a \Q run, 0 for anything else. */
        void item(int literals) {
            if (literals > 0 && this.literals > 0) {
                this.literals += literals;
                settledWeight = Math.max(settledWeight, lastWeight);
                lastWeight = 1;
                return;
            }
            item(1, 1);
            this.literals = literals;
        }

        void item(long weight, int height) {
            settledWeight = Math.max(settledWeight, lastWeight);
            lastWeight = weight;
            settledHeight = Math.max(settledHeight, lastHeight);
            lastHeight = height;
            items++;
            literals = 0;
        }

        /** Applies counts {min, max} (max -1 when unbounded) to the last item; returns its new weight. */
        long repeat(long[] counts) {
            long copies = counts[1] < 0 ? counts[0] : counts[1];
            // Go does not look inside a repetition of at most zero copies.
            lastWeight = counts[1] == 0 ? 1 : Math.max(1, copies) * Math.max(1, lastWeight);
            return lastWeight;
        }

        /** A repetition wraps the last item (the last character of a literal string); returns its height. */
        int deepen() {
            if (literals > 1) {
                items++; // the repeated character leaves the string
                settledHeight = Math.max(settledHeight, 1);
            }
            literals = 0;
            return ++lastHeight;
        }

        void bar() {
            branchesHeight = Math.max(branchesHeight, branchHeight());
            settledWeight = Math.max(settledWeight, lastWeight);
            lastWeight = 0;
            settledHeight = 0;
            lastHeight = 0;
            items = 0;
            literals = 0;
        }

        private int branchHeight() {
            int tallest = Math.max(settledHeight, lastHeight);
            return items >= 2 ? tallest + 1 : Math.max(tallest, 1);
        }

        long weight() {
            return Math.max(1, Math.max(settledWeight, lastWeight));
        }

        int height() {
            int height = branchesHeight < 0 ? branchHeight() : 1 + Math.max(branchesHeight, branchHeight());
            return capture ? height + 1 : height;
        }
    }

    /** The index of the first backslash in {@code re[from, to)} that escapes a non-ASCII character, or -1. */
    private static int nonAsciiEscape(String re, int from, int to) {
        if (re.startsWith("\\Q", from)) {
            return -1; // \Q...\E: all literal
        }
        for (int i = from; i < to - 1; i++) {
            if (re.charAt(i) == '\\') {
                if (re.charAt(i + 1) >= 128) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** The name of a named capture {@code (?P<name>} or {@code (?<name>} opening at i, if Go would accept the name. */
    private static String captureName(String re, int i) {
        int start = re.startsWith("(?P<", i) ? i + 4 : re.startsWith("(?<", i) ? i + 3 : -1;
        int end = start < 0 ? -1 : re.indexOf('>', start);
        if (end <= start) {
            return null;
        }
        String name = re.substring(start, end);
        return name.chars().allMatch(ch -> ch == '_' || (ch < 128 && Character.isLetterOrDigit(ch))) ? name : null;
    }

    private static int skipEscape(String re, int i) {
        if (i + 1 >= re.length()) {
            return re.length();
        }
        char e = re.charAt(i + 1);
        if (e == 'Q') {
            int end = re.indexOf("\\E", i + 2);
            return end < 0 ? re.length() : end + 2;
        }
        if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
            int end = re.indexOf('}', i + 3);
            return end < 0 ? re.length() : end + 1;
        }
        return i + 2;
    }

    private static int skipClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++; // a leading ] is a member
        }
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == ']') {
                return j + 1;
            }
            if (c == '\\') {
                j = skipEscape(re, j);
            } else if (re.startsWith("[:", j) && re.indexOf(":]", j + 2) > 0) {
                j = re.indexOf(":]", j + 2) + 2;
            } else {
                j++;
            }
        }
        return j;
    }

    /** The end of a flags-only group such as {@code (?i)} or {@code (?-s)} at i, or -1. */
    private static int flagGroupEnd(String re, int i) {
        if (!re.startsWith("(?", i)) {
            return -1;
        }
        int j = i + 2;
        while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
            j++;
        }
        return j < re.length() && re.charAt(j) == ')' ? j + 1 : -1;
    }

    /** The end of a count {@code {n}}, {@code {n,}} or {@code {n,m}} at i as Go reads one, or -1 for a literal brace. */
    private static int repeatEnd(String re, int i) {
        int j = digitsEnd(re, i + 1);
        if (j < 0) {
            return -1;
        }
        if (j < re.length() && re.charAt(j) == ',') {
            j++;
            if (j < re.length() && re.charAt(j) != '}') {
                j = digitsEnd(re, j);
                if (j < 0) {
                    return -1;
                }
            }
        }
        return j < re.length() && re.charAt(j) == '}' ? j + 1 : -1;
    }

    /** The end of a number at i, which Go reads without leading zeros; -1 if there is none. */
    private static int digitsEnd(String re, int i) {
        int j = i;
        while (j < re.length() && re.charAt(j) >= '0' && re.charAt(j) <= '9') {
            j++;
        }
        if (j == i || (j - i >= 2 && re.charAt(i) == '0')) {
            return -1;
        }
        return j;
    }

    /** The bounds of "n", "n," or "n,m"; max -1 when unbounded. Large numbers are capped, not parsed. */
    private static long[] counts(String body) {
        int comma = body.indexOf(',');
        long min = number(comma < 0 ? body : body.substring(0, comma));
        long max = comma < 0 ? min : comma == body.length() - 1 ? -1 : number(body.substring(comma + 1));
        return new long[] {min, max};
    }

    private static long number(String digits) {
        return digits.length() > 6 ? 1_000_000 : Long.parseLong(digits);
    }
}
